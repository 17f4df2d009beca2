using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AgentConsole.Benchmarks;

/// <summary>One background message: when it was sent, how long the API took, and what came back.</summary>
public readonly record struct IngestSample(bool Done, bool Customer, long Sent, long Latency, bool Ok, bool Escalated);

/// <summary>One escalating message and what came back.</summary>
public readonly record struct EscalationSample(bool Done, bool Warmup, long Sent, DateTime SentUtc, long Replied, long CaseId, int Status, string? Error);

/// <summary>
/// Open-loop traffic through the real bot API: requests go out on a fixed schedule whether or not
/// earlier ones have been answered, so a slow server cannot slow the load down.
/// </summary>
public static class EscalationLoadTraffic
{
    /// <summary>Calm product questions: none of them, nor any two in one conversation, escalates (checked with the evaluate command).</summary>
    internal static readonly string[] Questions =
    [
        "how do I export a report?",
        "where can I change the date range on a dashboard?",
        "can I share a dashboard with a colleague?",
        "how do I add a new chart to my dashboard?",
        "is there a way to schedule a weekly report email?",
        "how do I rename a dashboard?",
        "where do I find the list of saved reports?",
        "how do I filter a report by region?",
        "what file formats can I export to?",
        "how do I duplicate a dashboard?",
        "can I change the default currency shown in reports?",
    ];

    internal static readonly string[] Answers =
    [
        "Open the report and choose Export from the menu at the top right.",
        "Sure! You can do that from the dashboard settings panel.",
        "Yes, use the Share button and enter your colleague's email address.",
        "Click Add widget, pick a chart type and choose your data source.",
    ];

    /// <summary>Each asks for a person, which escalates on its own.</summary>
    internal static readonly string[] HumanRequests =
    [
        "I want to speak to a human agent right now",
        "Can I talk to a real person please?",
        "I need to speak with a human, not a bot",
        "Please connect me to a human agent",
    ];

    /// <summary>Messages per background conversation: customer, bot, customer, bot.</summary>
    private const int MessagesPerConversation = 4;

    /// <summary>
    /// Sends background messages at <paramref name="rate"/> per second from <paramref name="start"/>
    /// until <paramref name="stop"/> fires, into <paramref name="samples"/> (which bounds the count).
    /// Message k goes to one of 2 × rate conversations in turn, so each conversation gets a message
    /// every 2 s and ends after four (customer, bot, customer, bot), when a new one takes its place.
    /// </summary>
    public static async Task<int> IngestAsync(HttpClient api, double rate, long start, IngestSample[] samples, CancellationToken stop)
    {
        if (rate <= 0) return 0;
        var slots = Math.Max(1, (int)Math.Ceiling(rate * 2));
        var pending = new List<Task>(samples.Length);
        var sent = 0;
        await PaceAsync(rate, start, samples.Length, stop, k =>
        {
            var slot = k % slots;
            var turn = k / slots;
            var conversation = turn / MessagesPerConversation;
            var position = turn % MessagesPerConversation;
            var customer = position % 2 == 0;
            var at = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            var body = customer
                ? $$"""{"channel":"web","events":[{"id":"m{{position}}","type":"customer.message","at":"{{at}}","text":"{{Questions[(slot * 7 + conversation * 3 + (position == 2 ? 5 : 0)) % Questions.Length]}}"}]}"""
                : $$"""{"channel":"web","events":[{"id":"m{{position}}","type":"bot.message","at":"{{at}}","text":"{{Answers[(slot + conversation + position) % Answers.Length]}}","confidence":0.9}]}""";
            pending.Add(SendIngestAsync(api, $"api/v1/conversations/bg-{slot}-{conversation}/events", body, customer, samples, k));
            sent = k + 1;
        });
        await Task.WhenAll(pending);
        return sent;
    }

    /// <summary>
    /// Sends <paramref name="samples"/>.Length escalating messages, each to a new conversation, at
    /// <paramref name="rate"/> per second from <paramref name="start"/>; the first
    /// <paramref name="warmup"/> are marked as warm-up.
    /// </summary>
    public static async Task EscalateAsync(HttpClient api, double rate, long start, int warmup, EscalationSample[] samples, CancellationToken stop)
    {
        var pending = new List<Task>(samples.Length);
        await PaceAsync(rate, start, samples.Length, stop, i =>
        {
            var at = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            var body = $$"""{"channel":"web","events":[{"id":"e1","type":"customer.message","at":"{{at}}","text":"{{HumanRequests[i % HumanRequests.Length]}}"}]}""";
            pending.Add(SendEscalationAsync(api, $"api/v1/conversations/esc-{i}/events", body, i < warmup, samples, i));
        });
        await Task.WhenAll(pending);
    }

    /// <summary>Calls <paramref name="fire"/> for 0, 1, 2... at start + i / rate, catching up if late, until <paramref name="count"/> or <paramref name="stop"/>.</summary>
    private static async Task PaceAsync(double rate, long start, int count, CancellationToken stop, Action<int> fire)
    {
        var interval = Stopwatch.Frequency / rate;
        for (var i = 0; i < count && !stop.IsCancellationRequested; i++)
        {
            var due = start + (long)(i * interval);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                try { await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), stop); }
                catch (OperationCanceledException) { return; }
            }
            fire(i);
        }
    }

    private static async Task SendIngestAsync(HttpClient api, string path, string body, bool customer, IngestSample[] samples, int k)
    {
        await Task.Yield();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await api.PostAsync(path, content);
            var reply = await response.Content.ReadAsByteArrayAsync();
            var done = Stopwatch.GetTimestamp();
            var ok = response.IsSuccessStatusCode;
            samples[k] = new IngestSample(true, customer, sent, done - sent, ok, ok && LoadToolText.EscalationId(reply) is not null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            samples[k] = new IngestSample(true, customer, sent, Stopwatch.GetTimestamp() - sent, false, false);
        }
    }

    private static async Task SendEscalationAsync(HttpClient api, string path, string body, bool warmup, EscalationSample[] samples, int i)
    {
        await Task.Yield();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var sentUtc = DateTime.UtcNow;
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await api.PostAsync(path, content);
            var reply = await response.Content.ReadAsByteArrayAsync();
            var replied = Stopwatch.GetTimestamp();
            var caseId = response.IsSuccessStatusCode ? LoadToolText.EscalationId(reply) : null;
            var error = caseId is not null ? null
                : response.IsSuccessStatusCode ? "the reply has no escalation"
                : $"HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(reply, 0, Math.Min(reply.Length, 300))}";
            samples[i] = new EscalationSample(true, warmup, sent, sentUtc, replied, caseId ?? 0, (int)response.StatusCode, error);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            samples[i] = new EscalationSample(true, warmup, sent, sentUtc, Stopwatch.GetTimestamp(), 0, 0, e.Message);
        }
    }
}
