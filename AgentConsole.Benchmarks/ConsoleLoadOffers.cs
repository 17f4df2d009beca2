using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AgentConsole.Benchmarks;

/// <summary>One escalation posted to the bot API: wall-clock times in ms since the Unix epoch, and the case it opened.</summary>
public readonly record struct OfferSample(bool Done, bool Warmup, double SentUnixMs, double RepliedUnixMs, long CaseId, string? Error);

/// <summary>
/// Escalations through the real bot API, open loop: each goes to a new conversation on a fixed
/// schedule whether or not earlier ones have been answered, and asks for a person, which escalates
/// on its own; the reply carries the case it opened.
/// </summary>
public static class ConsoleLoadOffers
{
    private static readonly string[] HumanRequests =
    [
        "I want to speak to a human agent right now",
        "Can I talk to a real person please?",
        "I need to speak with a human, not a bot",
        "Please connect me to a human agent",
    ];

    /// <summary>Sends <paramref name="samples"/>.Length escalations at <paramref name="rate"/> a second; the first <paramref name="warmup"/> are marked.</summary>
    public static async Task RunAsync(HttpClient api, double rate, int warmup, OfferSample[] samples, CancellationToken cancellationToken)
    {
        var pending = new List<Task>(samples.Length);
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < samples.Length; i++)
        {
            var wait = start + (long)(i * interval) - Stopwatch.GetTimestamp();
            if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
            var at = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            var body = $$"""{"channel":"web","events":[{"id":"e1","type":"customer.message","at":"{{at}}","text":"{{HumanRequests[i % HumanRequests.Length]}}"}]}""";
            pending.Add(SendAsync(api, $"api/v1/conversations/console-{run}-{i}/events", body, i < warmup, samples, i));
        }
        await Task.WhenAll(pending);
    }

    /// <summary>Now, in ms since the Unix epoch, comparable with a page's <c>performance.timeOrigin + performance.now()</c> on the same machine.</summary>
    public static double UnixMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    private static async Task SendAsync(HttpClient api, string path, string body, bool warmup, OfferSample[] samples, int i)
    {
        await Task.Yield();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var sent = UnixMs();
        try
        {
            using var response = await api.PostAsync(path, content);
            var reply = await response.Content.ReadAsByteArrayAsync();
            var replied = UnixMs();
            var caseId = response.IsSuccessStatusCode ? LoadToolText.EscalationId(reply) : null;
            var error = caseId is not null ? null
                : response.IsSuccessStatusCode ? "the reply has no escalation"
                : $"HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(reply, 0, Math.Min(reply.Length, 300))}";
            samples[i] = new OfferSample(true, warmup, sent, replied, caseId ?? 0, error);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            samples[i] = new OfferSample(true, warmup, sent, UnixMs(), 0, e.Message);
        }
    }
}
