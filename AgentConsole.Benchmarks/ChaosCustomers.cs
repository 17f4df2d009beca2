using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AgentConsole.Benchmarks;

/// <summary>
/// The widget customers of a chaos run: each starts a chat through the customer chat API the widget
/// uses, sends three to five messages a second or two apart (each with its own client id, retried
/// with the same one until it gets a 2xx), asks for a human in one chat of three, and starts
/// another. Every message goes into the log under the id the store keeps it by (<c>c-</c> and the client id).
/// </summary>
internal sealed class ChaosCustomers(HttpClient http, ChaosLog log, Random random)
{
    private int _chats, _messages;

    public int Chats => Volatile.Read(ref _chats);
    public int Messages => Volatile.Read(ref _messages);

    /// <summary>Runs <paramref name="customers"/> customers until <paramref name="stop"/>; a message already sent is retried until <paramref name="giveUp"/>.</summary>
    public Task RunAsync(int customers, CancellationToken stop, CancellationToken giveUp) =>
        Task.WhenAll(Enumerable.Range(0, customers).Select(i => Task.Run(() => CustomerAsync(i, stop, giveUp), CancellationToken.None)));

    private async Task CustomerAsync(int index, CancellationToken stop, CancellationToken giveUp)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = await ChaosRetry.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "api/chat/sessions")
            {
                Content = JsonContent.Create(new { page = new { url = $"https://app.northwind.example/chaos/{index}", title = "Chaos" } }),
            }, log, stop);
            if (started is null) continue;
            string token, conversation;
            using (var document = JsonDocument.Parse(started))
            {
                token = document.RootElement.GetProperty("token").GetString()!;
                conversation = document.RootElement.GetProperty("conversationId").GetGuid().ToString();
            }
            var chat = Interlocked.Increment(ref _chats);
            int count;
            lock (random) count = random.Next(3, 6);
            for (var m = 0; m < count && !stop.IsCancellationRequested; m++)
            {
                var human = chat % 3 == 0 && m == count - 1;
                var text = human ? EscalationLoadTraffic.HumanRequests[chat % EscalationLoadTraffic.HumanRequests.Length]
                    : EscalationLoadTraffic.Questions[(chat + m * 5) % EscalationLoadTraffic.Questions.Length];
                var clientId = Guid.NewGuid().ToString("N");
                var sent = await ChaosRetry.SendAsync(http, () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "api/chat/messages") { Content = JsonContent.Create(new { clientId, text }) };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    return request;
                }, log, giveUp);
                Interlocked.Increment(ref _messages);
                log.Sent(new SentEvent(conversation, "c-" + clientId, sent is not null));
                int pause;
                lock (random) pause = random.Next(1_000, 2_000);
                try { await Task.Delay(pause, stop); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
