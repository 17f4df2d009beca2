using System.Text.Json;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Delivery;

/// <summary>
/// Turns what one routing command did (its <see cref="RoutingEvent"/>s) into outbox rows, inside
/// the command's transaction, so a bot hears of a change exactly when it is stored:
/// <list type="bullet">
/// <item><see cref="CaseAssigned"/> (accepted, auto-assigned, reassigned or transferred to an agent) → <c>case.assigned</c>;</item>
/// <item><see cref="CaseResolved"/> → <c>case.resolved</c>;</item>
/// <item><see cref="CaseActivity"/> of kind Reply → <c>agent.message</c>, with the stored reply's text;</item>
/// <item><see cref="QueueChanged"/> → <c>case.queue_position</c> for the waiting cases whose place changed (see <see cref="QueuePositions"/>).</item>
/// </list>
/// Offers, withdrawals, presence, notes and flags are the desk's own business and write nothing.
/// Cases of the built-in chat widget write nothing either. The engine calls it from its one loop.
/// </summary>
public sealed class OutboxProjector(OutboxSignal signal, QueueWaitEstimator? waits = null)
{
    private readonly QueuePositions _positions = new();
    private readonly OutboxSignal _signal = signal;

    /// <summary>
    /// Adds the rows for <paramref name="events"/> to <paramref name="db"/>, whose save stores them with
    /// the command. <paramref name="queue"/> is read only when the queue moved; <paramref name="agentName"/>
    /// names an agent. Call <see cref="Projection.Committed"/> once the command's transaction commits.
    /// </summary>
    public async Task<Projection> ProjectAsync(AgentConsoleDbContext db, IReadOnlyList<RoutingEvent> events, Func<IReadOnlyCollection<QueuedCase>> queue,
        Func<Guid?, string?> agentName, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        var caseIds = events.Select(CaseOf).OfType<long>().ToList();
        var targets = await OutboxTargets.ForCasesAsync(db, caseIds, cancellationToken);
        var rows = new List<OutboundEvent>();
        foreach (var @event in events)
        {
            if (CaseOf(@event) is not { } caseId || !targets.TryGetValue(caseId, out var target)) continue;
            var row = @event switch
            {
                CaseAssigned e => target.Event(OutboundEventTypes.CaseAssigned,
                    new CaseAssignedData(caseId, e.Case.AgentName ?? agentName(e.AgentId) ?? "Support"), now),
                CaseResolved => target.Event(OutboundEventTypes.CaseResolved, new CaseResolvedData(caseId, CsatRequested: true), now),
                CaseActivity { Kind: CaseActivityKind.Reply, MessageId: { } messageId } e => target.Event(OutboundEventTypes.AgentMessage,
                    new AgentMessageData(caseId, messageId, await ReplyTextAsync(db, messageId, cancellationToken), agentName(e.AgentId) ?? "Support"), now),
                _ => null,
            };
            if (row is not null) rows.Add(row);
        }

        IReadOnlyList<(OutboxTarget Target, int Position)> moved = [];
        if (events.Any(e => e is QueueChanged))
        {
            var waiting = queue();
            var unknown = _positions.Unknown(waiting);
            var newTargets = await OutboxTargets.ForCasesAsync(db, unknown, cancellationToken);
            moved = _positions.Changes(waiting, newTargets, await LastReportedAsync(db, newTargets.Values, cancellationToken));
            var openings = moved.Count == 0 ? null : waiting.Where(c => c.ExpectedAnswerAt is not null).ToDictionary(c => c.CaseId, c => c.ExpectedAnswerAt);
            foreach (var (target, position) in moved)
            {
                // A case held for an opening is answered then, whatever its place: a wait in minutes would not be true.
                var opening = openings!.GetValueOrDefault(target.CaseId);
                var wait = waits is null || opening is not null ? null : await waits.EstimateAsync(position, cancellationToken);
                rows.Add(target.Event(OutboundEventTypes.QueuePosition, new QueuePositionData(target.CaseId, position, wait is { } w ? (int)w.TotalSeconds : null, opening), now));
            }
        }

        db.OutboundEvents.AddRange(rows);
        return new Projection(this, [.. rows.Select(r => r.ConversationId).Distinct()], moved);
    }

    /// <summary>
    /// The position each of <paramref name="targets"/> was last told, from its conversation's latest
    /// <c>case.queue_position</c> row: what a restart would otherwise forget and tell every waiting case again.
    /// </summary>
    private static async Task<Dictionary<long, int>> LastReportedAsync(AgentConsoleDbContext db, IEnumerable<OutboxTarget> targets, CancellationToken cancellationToken)
    {
        var conversations = targets.Select(t => t.ConversationId).Distinct().ToList();
        if (conversations.Count == 0) return [];
        // One query: each conversation's latest position row, read by id.
        var latest = db.OutboundEvents
            .Where(e => conversations.Contains(e.ConversationId) && e.Type == OutboundEventTypes.QueuePosition)
            .GroupBy(e => e.ConversationId).Select(g => g.Max(e => e.Id));
        var payloads = await db.OutboundEvents.AsNoTracking().Where(e => latest.Contains(e.Id)).Select(e => e.Payload).ToListAsync(cancellationToken);
        var told = new Dictionary<long, int>();
        foreach (var payload in payloads)
        {
            // A conversation's latest report may be of an earlier case: it counts only for the case it names.
            if (JsonSerializer.Deserialize<QueuePositionData>(payload, OutboundJson.Options) is { } data) told[data.CaseId] = data.Position;
        }
        return told;
    }

    private static long? CaseOf(RoutingEvent @event) => @event switch
    {
        CaseAssigned e => e.Case.CaseId,
        CaseResolved e => e.CaseId,
        CaseActivity { Kind: CaseActivityKind.Reply } e => e.CaseId,
        _ => null,
    };

    private static Task<string> ReplyTextAsync(AgentConsoleDbContext db, long messageId, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().Where(m => m.Id == messageId).Select(m => m.Text).SingleAsync(cancellationToken);

    /// <summary>The rows one command added, until its transaction commits.</summary>
    public sealed class Projection
    {
        private readonly OutboxProjector _owner;
        private readonly IReadOnlyList<(OutboxTarget Target, int Position)> _positions;

        internal Projection(OutboxProjector owner, IReadOnlyList<Guid> conversations, IReadOnlyList<(OutboxTarget Target, int Position)> positions)
        {
            _owner = owner;
            Conversations = conversations;
            _positions = positions;
        }

        /// <summary>The conversations that got rows.</summary>
        public IReadOnlyList<Guid> Conversations { get; }

        /// <summary>The command committed: the positions count as reported, and the dispatcher and long polls are woken.</summary>
        public void Committed()
        {
            _owner._positions.Reported(_positions);
            if (Conversations.Count > 0) _owner._signal.Written(Conversations);
        }
    }
}
