using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AgentConsole.Benchmarks;

/// <summary>One simulated widget customer: a token, and the Server-Sent Events stream the widget reads.</summary>
public sealed class ChannelLoadCustomer(int index, string token)
{
    public int Index { get; } = index;
    public string Token { get; } = token;
    public long? CaseId { get; set; }

    /// <summary>The stream's events as they arrive: (event name, data, when).</summary>
    public event Action<ChannelLoadCustomer, string, JsonElement, long>? Received;

    public HttpRequestMessage Request(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    /// <summary>Reads the stream until <paramref name="stopping"/>; signals <paramref name="opened"/> once the headers arrived.</summary>
    public async Task ListenAsync(HttpClient http, TaskCompletionSource opened, CancellationToken stopping)
    {
        try
        {
            var request = Request(HttpMethod.Get, "api/chat/stream");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stopping);
            response.EnsureSuccessStatusCode();
            opened.TrySetResult();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stopping));
            string? name = null, data = null;
            while (await reader.ReadLineAsync(stopping) is { } line)
            {
                if (line.Length == 0)
                {
                    if (name is not null && data is not null) Received?.Invoke(this, name, JsonDocument.Parse(data).RootElement.Clone(), Stopwatch.GetTimestamp());
                    name = data = null;
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            opened.TrySetException(e);
        }
    }
}

/// <summary>Timings of deliveries, keyed by a marker the sender put in the text or by case.</summary>
public sealed class ChannelLoadDeliveries
{
    private readonly ConcurrentDictionary<string, long> _sent = new();
    private readonly ConcurrentBag<double> _milliseconds = [];
    private int _lost;

    public void Sent(string key, long timestamp) => _sent[key] = timestamp;

    public void Arrived(string key, long timestamp)
    {
        if (_sent.TryRemove(key, out var sent)) _milliseconds.Add(Stopwatch.GetElapsedTime(sent, timestamp).TotalMilliseconds);
    }

    public void Forget(string key)
    {
        if (_sent.TryRemove(key, out _)) Interlocked.Increment(ref _lost);
    }

    public IReadOnlyCollection<double> Milliseconds => _milliseconds;
    public int Pending => _sent.Count;
    public int Lost => Volatile.Read(ref _lost);
}
