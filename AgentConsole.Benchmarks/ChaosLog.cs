using System.Collections.Concurrent;

namespace AgentConsole.Benchmarks;

/// <summary>An event a bot or a widget customer sent, as the sender knows it: its conversation and id, and whether a try got a 2xx.</summary>
/// <param name="Conversation">The conversation as the sender names it: a bot's external id, or the widget's conversation id.</param>
/// <param name="EventId">The id the store keeps the event under (a widget message's is <c>c-</c> and its client id).</param>
public readonly record struct SentEvent(string Conversation, string EventId, bool Acknowledged);

/// <summary>A case a bot API reply named for a conversation (<c>escalation.id</c>).</summary>
public readonly record struct ReportedCase(string Conversation, long CaseId);

/// <summary>One kill: when the harness sent SIGKILL, and when the app it started again answered <c>/healthz</c>.</summary>
public readonly record struct Outage(DateTime KilledUtc, DateTime HealthyUtc);

/// <summary>One webhook request the receiver got, duplicates included, in arrival order.</summary>
public readonly record struct WebhookRequest(string Id, long Sequence, string Type, string Conversation);

/// <summary>What the clients of a chaos run saw, appended to concurrently: the checker's evidence beside the store.</summary>
public sealed class ChaosLog
{
    private readonly ConcurrentQueue<SentEvent> _events = new();
    private readonly ConcurrentQueue<ReportedCase> _cases = new();
    private readonly ConcurrentQueue<Outage> _outages = new();
    private readonly ConcurrentQueue<WebhookRequest> _webhooks = new();
    private readonly ConcurrentDictionary<string, int> _refusals = new(StringComparer.Ordinal);
    private int _retries, _drift, _refused;

    public IReadOnlyList<SentEvent> Events => [.. _events];
    public IReadOnlyList<ReportedCase> Cases => [.. _cases];
    public IReadOnlyList<Outage> Outages => [.. _outages];
    public IReadOnlyList<WebhookRequest> Webhooks => [.. _webhooks];

    /// <summary>Requests sent again after a timeout, a connection error or a 5xx.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Requests the app answered with a 4xx other than 429 (the traffic is valid, so each is worth a look).</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>The refusals by request and status, numbers blanked (<c>POST api/v1/console/cases/#/reply: 409</c>).</summary>
    public IReadOnlyDictionary<string, int> Refusals => _refusals;

    /// <summary>Times the server logged a <c>RoutingStateDriftException</c>: the engine's memory differed from the store after a command.</summary>
    public int DriftReports => Volatile.Read(ref _drift);

    public void Sent(SentEvent sent) => _events.Enqueue(sent);
    public void Reported(ReportedCase reported) => _cases.Enqueue(reported);
    public void Killed(Outage outage) => _outages.Enqueue(outage);
    public void Webhook(WebhookRequest request) => _webhooks.Enqueue(request);
    public void Retried() => Interlocked.Increment(ref _retries);
    public void WasRefused(string request, int status)
    {
        Interlocked.Increment(ref _refused);
        _refusals.AddOrUpdate($"{System.Text.RegularExpressions.Regex.Replace(request, "[0-9]+", "#")}: {status}", 1, (_, n) => n + 1);
    }

    /// <summary>Reads one line of the server's output.</summary>
    public void ServerLine(string line)
    {
        if (line.Contains("RoutingStateDriftException:", StringComparison.Ordinal)) Interlocked.Increment(ref _drift);
    }
}
