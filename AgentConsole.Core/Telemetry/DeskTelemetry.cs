using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Telemetry;

/// <summary>
/// The desk's operational meter, <see cref="MeterName"/>: counters and histograms recorded where
/// things happen (ingestion, case opening, the routing engine's stored commands and events, the
/// hub's pushes) and gauges read from the routing engine when a scraper asks. Recording costs an
/// add or a histogram record with at most two tags, whose values are cached strings.
/// </summary>
public sealed class DeskTelemetry
{
    /// <summary>The meter's name, to add to a meter provider.</summary>
    public const string MeterName = "AgentConsole";

    private static readonly KeyValuePair<string, object?> Stored = new("outcome", "stored");
    private static readonly KeyValuePair<string, object?> Duplicate = new("outcome", "duplicate");
    private static readonly FrozenDictionary<ReasonCategory, string> Reasons = Enum.GetValues<ReasonCategory>().ToFrozenDictionary(r => r, r => r.ToString());
    private static readonly FrozenDictionary<CaseEventReason, string> HowAssigned = Enum.GetValues<CaseEventReason>().ToFrozenDictionary(r => r, r => r.ToString());

    private readonly Meter _meter;
    private readonly Counter<long> _conversations;
    private readonly Counter<long> _events;
    private readonly Histogram<double> _ingestDuration;
    private readonly Counter<long> _escalations;
    private readonly Counter<long> _offers;
    private readonly Counter<long> _assignments;
    private readonly Histogram<double> _commandDuration;
    private readonly Counter<long> _pushes;
    private int _observing;

    /// <summary>The meter of <paramref name="meterFactory"/>, so each host (and each test host) has its own.</summary>
    public DeskTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _conversations = _meter.CreateCounter<long>("agentconsole.conversations.started", "{conversation}", "Conversations a bot's first batch started.");
        _events = _meter.CreateCounter<long>("agentconsole.ingest.events", "{event}", "Inbound events by outcome: stored, or a duplicate of one already stored.");
        _ingestDuration = _meter.CreateHistogram<double>("agentconsole.ingest.duration", "ms", "Time to store a bot's batch, classification and the wait for the writer included, by outcome.");
        _escalations = _meter.CreateCounter<long>("agentconsole.escalations", "{escalation}", "Cases opened, by the first reason's category and by what escalated (ingest or the unresolved sweep).");
        _offers = _meter.CreateCounter<long>("agentconsole.offers", "{offer}", "Offers by outcome: made, accepted, declined, expired, or withdrawn.");
        _assignments = _meter.CreateCounter<long>("agentconsole.assignments", "{assignment}", "Cases that became an agent's, by how.");
        _commandDuration = _meter.CreateHistogram<double>("agentconsole.routing.command.duration", "ms", "Time the routing engine spent on one command, stored and published, by command and outcome.");
        _pushes = _meter.CreateCounter<long>("agentconsole.push.messages", "{message}", "Routing events sent to the agents' hub, by event.");
    }

    /// <summary>A batch was stored.</summary>
    public void BatchIngested(IngestionResult result, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ConversationCreated) _conversations.Add(1);
        if (result.NewEvents > 0) _events.Add(result.NewEvents, Stored);
        if (result.DuplicateEvents > 0) _events.Add(result.DuplicateEvents, Duplicate);
        _ingestDuration.Record(elapsed.TotalMilliseconds, Stored);
    }

    /// <summary>A batch was not stored: <paramref name="refused"/> for a broken rule (a 4xx), otherwise a failure.</summary>
    public void BatchFailed(TimeSpan elapsed, bool refused) =>
        _ingestDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("outcome", refused ? "refused" : "failed"));

    /// <summary>A case was opened for <paramref name="decision"/>; <paramref name="source"/> is "ingest" or "unresolved-sweep".</summary>
    public void Escalated(EscalationDecision decision, string source)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var reason = decision.Reasons.Count > 0 ? Reasons[decision.Reasons[0].Category] : "None";
        _escalations.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("source", source));
    }

    /// <summary>The routing engine finished a command: "ok", "refused" (a domain refusal) or "failed".</summary>
    public void CommandDone(string command, TimeSpan elapsed, string outcome) =>
        _commandDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>The routing engine stored and published <paramref name="routingEvent"/>: offers and assignments are counted from it.</summary>
    public void Published(RoutingEvent routingEvent)
    {
        switch (routingEvent)
        {
            case CaseOffered:
                _offers.Add(1, new KeyValuePair<string, object?>("outcome", "made"));
                break;
            case OfferWithdrawn withdrawn:
                _offers.Add(1, new KeyValuePair<string, object?>("outcome", withdrawn.Reason switch
                {
                    CaseEventReason.Declined => "declined",
                    CaseEventReason.TimedOut => "expired",
                    _ => "withdrawn",
                }));
                break;
            case CaseAssigned assigned:
                if (assigned.How == CaseEventReason.Accepted) _offers.Add(1, new KeyValuePair<string, object?>("outcome", "accepted"));
                _assignments.Add(1, new KeyValuePair<string, object?>("how", HowAssigned[assigned.How]));
                break;
        }
    }

    /// <summary>A routing event went out to the agents' hub.</summary>
    public void Pushed(RoutingEvent routingEvent)
    {
        ArgumentNullException.ThrowIfNull(routingEvent);
        _pushes.Add(1, new KeyValuePair<string, object?>("event", routingEvent.Name));
    }

    /// <summary>
    /// Publishes the gauges <paramref name="read"/> returns when a collector asks: queue depth by
    /// team and skill, and agents online by team and presence. A null reading reports nothing.
    /// The routing engine calls this once, as it starts.
    /// </summary>
    public void ObserveRouting(Func<RoutingGauges?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (Interlocked.Exchange(ref _observing, 1) == 1) throw new InvalidOperationException("The routing gauges are already observed.");
        _meter.CreateObservableGauge("agentconsole.queue.depth",
            () => read()?.QueueDepth.Select(r => new Measurement<int>(r.Cases,
                new KeyValuePair<string, object?>("team", r.Team), new KeyValuePair<string, object?>("skill", r.Skill.ToString()))) ?? [],
            "{case}", "Cases waiting in the queue, by the team they are held for (any: not transferred to a team) and the skill they need.");
        _meter.CreateObservableGauge("agentconsole.agents.online",
            () => read()?.AgentsOnline.Select(r => new Measurement<int>(r.Agents,
                new KeyValuePair<string, object?>("team", r.Team), new KeyValuePair<string, object?>("presence", r.Presence.ToString()))) ?? [],
            "{agent}", "Agents with a live connection, by team and presence.");
    }
}
