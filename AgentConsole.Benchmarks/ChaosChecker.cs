using AgentConsole.Core.Cases;

namespace AgentConsole.Benchmarks;

/// <summary>The violations a check found, by kind, each with a line that names what broke.</summary>
public sealed class ChaosViolations
{
    public const string EventLost = "acknowledged event not stored";
    public const string EventDuplicated = "event stored more than once";
    public const string CaseMissing = "escalation without a case";
    public const string CaseDuplicated = "conversation with more than one case";
    public const string CaseMismatch = "reply named another case";
    public const string CaseUnplaced = "open case not in the queue, the offers or the assignments";
    public const string OverCapacity = "agent over capacity";
    public const string OfferDeadline = "offer deadline off its instant";
    public const string FirstReplyDeadline = "first-reply deadline off its instant";
    public const string DeliveryMissing = "outbox delivery never received";
    public const string DeliveryUnstable = "delivery id with another sequence or type";
    public const string DeliveryOutOfOrder = "delivery out of order in its conversation";
    public const string ReplayDiffers = "case log replays to another state";
    public const string StateDrift = "engine memory differed from the store";

    private readonly Dictionary<string, List<string>> _byKind = new(StringComparer.Ordinal);

    /// <summary>The kinds found, each with its lines.</summary>
    public IReadOnlyDictionary<string, List<string>> ByKind => _byKind;

    public int Count => _byKind.Values.Sum(v => v.Count);

    public int CountOf(string kind) => _byKind.GetValueOrDefault(kind)?.Count ?? 0;

    public void Add(string kind, string what)
    {
        if (!_byKind.TryGetValue(kind, out var lines)) _byKind[kind] = lines = [];
        lines.Add(what);
    }
}

/// <summary>
/// Proves a chaos run from the clients' own log and the store read after the last stop: every event
/// that got a 2xx is stored exactly once and nothing twice; every escalation has exactly one case,
/// which every reply named; each open case is queued, offered or assigned, and no agent holds more
/// than their capacity; every offer and first-reply deadline fired within the tolerance of its
/// instant (or, when the app was down then, within the tolerance of its coming back); every outbox
/// row reached the receiver, always under the same id, sequence and type, new ids in order per
/// conversation; the case event log replays to the tables' status and holder; and the engine's own
/// drift check (memory against the store after each command) never failed.
/// </summary>
public static class ChaosChecker
{
    /// <param name="offerTimeout">The app's offer timeout: an offer's deadline is its <c>Offered</c> entry plus this.</param>
    /// <param name="firstReply">The first-reply window: a deadline is the <c>Accepted</c> entry plus this.</param>
    /// <param name="tolerance">How far from its instant a deadline may fire (1 s).</param>
    /// <param name="stoppedUtc">When the app was stopped for the last time: a deadline due before it must have fired.</param>
    public static ChaosViolations Check(ChaosLog log, ChaosStore store, TimeSpan offerTimeout, TimeSpan firstReply, TimeSpan tolerance, DateTime stoppedUtc)
    {
        var found = new ChaosViolations();
        CheckEvents(log, store, found);
        CheckCases(log, store, found);
        CheckDeadlines(log.Outages, store, offerTimeout, firstReply, tolerance, stoppedUtc, found);
        CheckDeliveries(log.Webhooks, store, found);
        CheckReplay(store, found);
        if (log.DriftReports > 0) found.Add(ChaosViolations.StateDrift, $"the server logged {log.DriftReports} RoutingStateDriftException(s)");
        return found;
    }

    private static void CheckEvents(ChaosLog log, ChaosStore store, ChaosViolations found)
    {
        // A conversation is named by its external id (bots) or its id (the widget); both name the same rows.
        var stored = new Dictionary<(string, string), int>();
        foreach (var group in store.Messages.GroupBy(m => (m.ConversationId, m.EventId)))
        {
            var first = group.First();
            if (group.Count() > 1) found.Add(ChaosViolations.EventDuplicated, $"event {first.EventId} of conversation {first.ExternalId}: {group.Count()} rows");
            stored[(first.ConversationId, first.EventId)] = group.Count();
            stored[(first.ExternalId, first.EventId)] = group.Count();
        }
        foreach (var sent in log.Events.Where(e => e.Acknowledged).DistinctBy(e => (e.Conversation, e.EventId)))
            if (!stored.ContainsKey((sent.Conversation, sent.EventId)))
                found.Add(ChaosViolations.EventLost, $"event {sent.EventId} of conversation {sent.Conversation} got a 2xx but is not stored");
    }

    private static void CheckCases(ChaosLog log, ChaosStore store, ChaosViolations found)
    {
        var byConversation = new Dictionary<string, List<StoredCase>>(StringComparer.Ordinal);
        foreach (var group in store.Cases.GroupBy(c => c.ConversationId))
        {
            var cases = group.ToList();
            if (cases.Count > 1) found.Add(ChaosViolations.CaseDuplicated, $"conversation {cases[0].ExternalId}: cases {string.Join(", ", cases.Select(c => c.Id))}");
            byConversation[cases[0].ConversationId] = cases;
            byConversation[cases[0].ExternalId] = cases;
        }
        foreach (var reported in log.Cases.Distinct())
        {
            if (!byConversation.TryGetValue(reported.Conversation, out var cases))
                found.Add(ChaosViolations.CaseMissing, $"conversation {reported.Conversation}: the reply named case {reported.CaseId}, the store has none");
            else if (cases.All(c => c.Id != reported.CaseId))
                found.Add(ChaosViolations.CaseMismatch, $"conversation {reported.Conversation}: the reply named case {reported.CaseId}, the store has {string.Join(", ", cases.Select(c => c.Id))}");
        }
        foreach (var open in store.Cases.Where(c => c.Status != CaseStatus.Resolved))
        {
            var placed = open.Status switch
            {
                CaseStatus.Queued => true,
                CaseStatus.Offered => open.OfferedAgentId is not null && open.OfferExpiresAt is not null,
                CaseStatus.Assigned => open.AssignedAgentId is not null,
                _ => false,
            };
            if (!placed) found.Add(ChaosViolations.CaseUnplaced, $"case {open.Id} is {open.Status} (offered to {open.OfferedAgentId?.ToString() ?? "nobody"}, assigned to {open.AssignedAgentId?.ToString() ?? "nobody"})");
        }
        var capacity = store.Agents.ToDictionary(a => a.Id, a => a.Capacity);
        foreach (var held in store.Cases.Where(c => c.Holder is not null && !c.CapacityOverride).GroupBy(c => c.Holder!.Value))
            if (held.Count() > capacity.GetValueOrDefault(held.Key, int.MaxValue))
                found.Add(ChaosViolations.OverCapacity, $"agent {held.Key} holds {held.Count()} cases ({string.Join(", ", held.Select(c => c.Id))}), capacity {capacity[held.Key]}");
    }

    private static void CheckDeadlines(IReadOnlyList<Outage> outages, ChaosStore store, TimeSpan offerTimeout, TimeSpan firstReply, TimeSpan tolerance,
        DateTime stoppedUtc, ChaosViolations found)
    {
        // The latest a deadline due at `due` may fire: a tolerance after it, or after the app came back when it was down then
        // (or was killed within the tolerance before it, with the deadline's command maybe not yet committed).
        DateTime Latest(DateTime due) =>
            (outages.Where(o => o.KilledUtc - tolerance <= due && due <= o.HealthyUtc).Select(o => (DateTime?)o.HealthyUtc).Max() is { } back && back > due ? back : due) + tolerance;

        void Fired(string kind, long caseId, DateTime? due, DateTime at, string what)
        {
            if (due is null) found.Add(kind, $"case {caseId}: {what} at {at:O} without a deadline running");
            else if (at < due.Value - tolerance || at > Latest(due.Value))
                found.Add(kind, $"case {caseId}: {what} at {at:O}, due {due.Value:O} ({(at - due.Value).TotalSeconds:+0.000;-0.000} s; {Between(due.Value, at)})");
        }

        // Whether the app was killed between a deadline and its firing: late across a restart, or late while it ran.
        string Between(DateTime due, DateTime at) =>
            outages.Where(o => o.KilledUtc >= due && o.KilledUtc <= at).Select(o => (Outage?)o).FirstOrDefault() is { } kill
                ? $"killed {(kill.KilledUtc - due).TotalSeconds:0.0} s after it was due, answering again {(kill.HealthyUtc - due).TotalSeconds:0.0} s after"
                : "no kill in between";

        foreach (var log in store.CaseEvents.GroupBy(e => e.CaseId))
        {
            DateTime? offerDue = null, replyDue = null;
            foreach (var entry in log)
            {
                switch (entry.Type)
                {
                    case CaseEventType.Offered: offerDue = entry.At + offerTimeout; replyDue = null; break;
                    case CaseEventType.Accepted: offerDue = null; replyDue = entry.At + firstReply; break;
                    case CaseEventType.Replied: replyDue = null; break;
                    case CaseEventType.TimedOut:
                        Fired(ChaosViolations.OfferDeadline, log.Key, offerDue, entry.At, "the offer timed out");
                        offerDue = null;
                        break;
                    case CaseEventType.Reclaimed:
                        Fired(ChaosViolations.FirstReplyDeadline, log.Key, replyDue, entry.At, "the case was reclaimed");
                        replyDue = null;
                        break;
                    case CaseEventType.Declined or CaseEventType.Withdrawn or CaseEventType.Resolved or CaseEventType.HoldExpired or CaseEventType.Reassigned
                        or CaseEventType.Transferred or CaseEventType.ToEngineering or CaseEventType.Queued:
                        offerDue = null;
                        replyDue = null;
                        break;
                }
            }
            if (offerDue is { } offer && Latest(offer) < stoppedUtc)
                found.Add(ChaosViolations.OfferDeadline, $"case {log.Key}: the offer due {offer:O} never timed out (stopped {stoppedUtc:O})");
            if (replyDue is { } reply && Latest(reply) < stoppedUtc)
                found.Add(ChaosViolations.FirstReplyDeadline, $"case {log.Key}: the first reply due {reply:O} was never reclaimed (stopped {stoppedUtc:O})");
        }
    }

    private static void CheckDeliveries(IReadOnlyList<WebhookRequest> webhooks, ChaosStore store, ChaosViolations found)
    {
        var first = new Dictionary<string, WebhookRequest>(StringComparer.Ordinal);
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var request in webhooks)
        {
            if (first.TryGetValue(request.Id, out var earlier))
            {
                if (earlier.Sequence != request.Sequence || earlier.Type != request.Type)
                    found.Add(ChaosViolations.DeliveryUnstable, $"delivery {request.Id}: first {earlier.Sequence} {earlier.Type}, again {request.Sequence} {request.Type}");
                continue;
            }
            first[request.Id] = request;
            if (last.TryGetValue(request.Conversation, out var previous) && request.Sequence < previous)
                found.Add(ChaosViolations.DeliveryOutOfOrder, $"conversation {request.Conversation}: delivery {request.Sequence} arrived after {previous}");
            else last[request.Conversation] = request.Sequence;
        }
        foreach (var row in store.Deliveries)
        {
            if (!first.TryGetValue(row.Id, out var received))
                found.Add(ChaosViolations.DeliveryMissing, $"outbox row {row.Sequence} ({row.Type}, conversation {row.Conversation}, delivery {row.Id}) never reached the receiver");
            else if (received.Sequence != row.Sequence || received.Type != row.Type)
                found.Add(ChaosViolations.DeliveryUnstable, $"delivery {row.Id}: stored as {row.Sequence} {row.Type}, received as {received.Sequence} {received.Type}");
        }
    }

    /// <summary>Folds each case's log into a status and a holder, and compares them with the case's row.</summary>
    private static void CheckReplay(ChaosStore store, ChaosViolations found)
    {
        var rows = store.Cases.ToDictionary(c => c.Id);
        foreach (var log in store.CaseEvents.GroupBy(e => e.CaseId))
        {
            CaseStatus? status = null;
            Guid? holder = null;
            foreach (var entry in log)
            {
                switch (entry.Type)
                {
                    case CaseEventType.Escalated: (status, holder) = (CaseStatus.Escalated, null); break;
                    case CaseEventType.Queued: (status, holder) = (CaseStatus.Queued, null); break;
                    case CaseEventType.Offered: (status, holder) = (CaseStatus.Offered, Guid.TryParse(entry.Detail, out var offered) ? offered : null); break;
                    // An assignment names its agent; the same types without one are moves back to the queue, which a Queued entry follows.
                    case CaseEventType.Accepted or CaseEventType.Reassigned or CaseEventType.Transferred when Guid.TryParse(entry.Detail, out var agent):
                        (status, holder) = (CaseStatus.Assigned, agent);
                        break;
                    case CaseEventType.Resolved: (status, holder) = (CaseStatus.Resolved, null); break;
                }
            }
            if (!rows.TryGetValue(log.Key, out var row))
                found.Add(ChaosViolations.ReplayDiffers, $"case {log.Key}: logged, but no row");
            else if (status != row.Status || holder != row.Holder)
                found.Add(ChaosViolations.ReplayDiffers, $"case {log.Key}: the log says {status} held by {holder?.ToString() ?? "nobody"}, the row {row.Status} held by {row.Holder?.ToString() ?? "nobody"}");
        }
        var logged = store.CaseEvents.Select(e => e.CaseId).ToHashSet();
        foreach (var row in store.Cases.Where(c => !logged.Contains(c.Id)))
            found.Add(ChaosViolations.ReplayDiffers, $"case {row.Id}: a row without a log");
    }
}
