using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AgentConsole.Benchmarks;

/// <summary>
/// The bots of a chaos run: workers posting event batches through the bot API with the run's
/// integration key, paced together at a rate of events per second, each batch retried with the same
/// event ids until it gets a 2xx (<see cref="ChaosRetry"/>). Conversation k gets two batches of
/// customer and bot messages; in one conversation of <c>escalateEvery</c> the second batch asks for
/// a human. Every event and the case each reply names go into the log.
/// </summary>
internal sealed class ChaosBots(HttpClient api, ChaosLog log, double rate, int batch, int escalateEvery)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private long _requests, _eventsSent, _eventsAcknowledged;

    public long EventsSent => Interlocked.Read(ref _eventsSent);
    public long EventsAcknowledged => Interlocked.Read(ref _eventsAcknowledged);

    /// <summary>Sends until <paramref name="stop"/>; a batch already sent is retried until <paramref name="giveUp"/>.</summary>
    public async Task RunAsync(int workers, CancellationToken stop, CancellationToken giveUp)
    {
        var interval = Stopwatch.Frequency * batch / rate;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref _requests) - 1;
                var wait = start + (long)(n * interval) - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    try { await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), stop); }
                    catch (OperationCanceledException) { return; }
                }
                await SendAsync(n, giveUp);
            }
        }, CancellationToken.None)));
    }

    private async Task SendAsync(long n, CancellationToken giveUp)
    {
        var (conversation, second) = (n / 2, n % 2 == 1);
        var externalId = $"chaos-{_run}-{conversation}";
        var escalate = second && conversation % escalateEvery == 0;
        var events = new List<(string Id, string Json)>();
        var at = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        for (var i = 0; i < (escalate ? 1 : batch); i++)
        {
            var id = $"e{(second ? batch : 0) + i}";
            var customer = i % 2 == 0;
            var text = escalate ? EscalationLoadTraffic.HumanRequests[conversation % EscalationLoadTraffic.HumanRequests.Length]
                : customer ? EscalationLoadTraffic.Questions[(conversation * 3 + i) % EscalationLoadTraffic.Questions.Length]
                : EscalationLoadTraffic.Answers[(conversation + i) % EscalationLoadTraffic.Answers.Length];
            events.Add((id, customer
                ? $$"""{"id":"{{id}}","type":"customer.message","at":"{{at}}","text":"{{text}}"}"""
                : $$"""{"id":"{{id}}","type":"bot.message","at":"{{at}}","text":"{{text}}","confidence":0.9}"""));
        }
        var body = $$"""{"channel":"web","events":[{{string.Join(',', events.Select(e => e.Json))}}]}""";
        Interlocked.Add(ref _eventsSent, events.Count);
        var reply = await ChaosRetry.SendAsync(api, () => new HttpRequestMessage(HttpMethod.Post, $"api/v1/conversations/{externalId}/events")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }, log, giveUp);
        if (reply is not null) Interlocked.Add(ref _eventsAcknowledged, events.Count);
        foreach (var (id, _) in events) log.Sent(new SentEvent(externalId, id, reply is not null));
        if (reply is not null && LoadToolText.EscalationId(reply) is { } caseId) log.Reported(new ReportedCase(externalId, caseId));
    }
}
