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
    /// until <paramref name="stop"/> fires, into <paramref name="samples"/> (which bounds the count),
    /// message k through <paramref name="apis"/>[k % count] (one client per node).
    /// Message k goes to one of 2 × rate conversations in turn, so each conversation gets a message
    /// every 2 s and ends after four (customer, bot, customer, bot), when a new one takes its place.
    /// </summary>
    public static async Task<int> IngestAsync(IReadOnlyList<HttpClient> apis, double rate, long start, IngestSample[] samples, CancellationToken stop)
    {
        if (rate <= 0) return 0;
        var slots = Math.Max(1, (int)Math.Ceiling(rate * 2));
        var pending = new List<Task>(samples.Length);
        var sent = 0;
        await PaceAsync(rate, start, samples.Length, stop, k =>
        {
            var slot = k % slots;
            var turn = k / slots;
            pending.Add(StoreAsync(samples, k, PostBackgroundAsync(apis[k % apis.Count], "bg", slot, turn / MessagesPerConversation, turn % MessagesPerConversation)));
            sent = k + 1;
        });
        await Task.WhenAll(pending);
        return sent;
    }

    /// <summary>
    /// Closed-loop ingest: <paramref name="senders"/> senders, each posting background messages to conversations of its
    /// own and waiting for each reply before the next, message k of sender s through <paramref name="apis"/>[(s + k) % count],
    /// for <paramref name="duration"/>. The replies, in the order they came.
    /// </summary>
    public static async Task<IReadOnlyList<IngestSample>> SaturateAsync(IReadOnlyList<HttpClient> apis, int senders, TimeSpan duration, CancellationToken stop)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var replies = await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            var mine = new List<IngestSample>();
            for (var k = 0; Stopwatch.GetTimestamp() < end && !stop.IsCancellationRequested; k++)
                mine.Add(await PostBackgroundAsync(apis[(s + k) % apis.Count], $"tp{s}", 0, k / MessagesPerConversation, k % MessagesPerConversation));
            return mine;
        }, CancellationToken.None)));
        return [.. replies.SelectMany(r => r).OrderBy(r => r.Sent + r.Latency)];
    }

    /// <summary>
    /// Sends <paramref name="samples"/>.Length escalating messages, each to a new conversation, at
    /// <paramref name="rate"/> per second from <paramref name="start"/>, message i through
    /// <paramref name="apis"/>[i % count]; the first <paramref name="warmup"/> are marked as warm-up.
    /// </summary>
    public static async Task EscalateAsync(IReadOnlyList<HttpClient> apis, double rate, long start, int warmup, EscalationSample[] samples, CancellationToken stop)
    {
        var pending = new List<Task>(samples.Length);
        await PaceAsync(rate, start, samples.Length, stop, i =>
            pending.Add(StoreAsync(samples, i, PostEscalationAsync(apis[i % apis.Count], $"esc-{i}", i, warmup: i < warmup))));
        await Task.WhenAll(pending);
    }

    /// <summary>
    /// One escalating message, a customer asking for a person, as the first message of conversation
    /// <paramref name="conversation"/>; <paramref name="variant"/> picks the wording.
    /// </summary>
    public static async Task<EscalationSample> PostEscalationAsync(HttpClient api, string conversation, int variant, bool warmup = false)
    {
        await Task.Yield();
        var at = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var body = $$"""{"channel":"web","events":[{"id":"e1","type":"customer.message","at":"{{at}}","text":"{{HumanRequests[variant % HumanRequests.Length]}}"}]}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var sentUtc = DateTime.UtcNow;
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await api.PostAsync($"api/v1/conversations/{conversation}/events", content);
            var reply = await response.Content.ReadAsByteArrayAsync();
            var replied = Stopwatch.GetTimestamp();
            var caseId = response.IsSuccessStatusCode ? LoadToolText.EscalationId(reply) : null;
            var error = caseId is not null ? null
                : response.IsSuccessStatusCode ? "the reply has no escalation"
                : $"HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(reply, 0, Math.Min(reply.Length, 300))}";
            return new EscalationSample(true, warmup, sent, sentUtc, replied, caseId ?? 0, (int)response.StatusCode, error);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new EscalationSample(true, warmup, sent, sentUtc, Stopwatch.GetTimestamp(), 0, 0, e.Message);
        }
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

    private static async Task StoreAsync<T>(T[] samples, int index, Task<T> sample) => samples[index] = await sample;

    /// <summary>
    /// Message <paramref name="position"/> (customer, bot, customer, bot) of background conversation
    /// <paramref name="conversation"/> of <paramref name="slot"/>, named with <paramref name="prefix"/>: calm questions and answers that never escalate.
    /// </summary>
    private static async Task<IngestSample> PostBackgroundAsync(HttpClient api, string prefix, int slot, int conversation, int position)
    {
        await Task.Yield();
        var customer = position % 2 == 0;
        var at = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var body = customer
            ? $$"""{"channel":"web","events":[{"id":"m{{position}}","type":"customer.message","at":"{{at}}","text":"{{Questions[(slot * 7 + conversation * 3 + (position == 2 ? 5 : 0)) % Questions.Length]}}"}]}"""
            : $$"""{"channel":"web","events":[{"id":"m{{position}}","type":"bot.message","at":"{{at}}","text":"{{Answers[(slot + conversation + position) % Answers.Length]}}","confidence":0.9}]}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await api.PostAsync($"api/v1/conversations/{prefix}-{slot}-{conversation}/events", content);
            var reply = await response.Content.ReadAsByteArrayAsync();
            var done = Stopwatch.GetTimestamp();
            var ok = response.IsSuccessStatusCode;
            return new IngestSample(true, customer, sent, done - sent, ok, ok && LoadToolText.EscalationId(reply) is not null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new IngestSample(true, customer, sent, Stopwatch.GetTimestamp() - sent, false, false);
        }
    }
}
