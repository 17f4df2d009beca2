using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics;

/// <summary>The escalations opened in one hour, by their primary (first-listed) reason.</summary>
/// <param name="HourStart">The hour's first instant (UTC).</param>
/// <param name="ByReason">Escalations per primary reason; reasons with none are left out.</param>
/// <param name="Total">All escalations opened in the hour.</param>
public sealed record EscalationHour(DateTime HourStart, IReadOnlyDictionary<ReasonCategory, int> ByReason, int Total)
{
    /// <summary>The escalations in the hour whose primary reason is <paramref name="reason"/>.</summary>
    public int Of(ReasonCategory reason) => ByReason.GetValueOrDefault(reason);
}

/// <summary>The queue's depth in one hour, replayed from the case event log.</summary>
/// <param name="HourStart">The hour's first instant (UTC).</param>
/// <param name="AtEnd">Cases in the queue when the hour ended (for the current hour: now).</param>
/// <param name="Peak">The most cases in the queue at any instant of the hour.</param>
public sealed record QueueDepthHour(DateTime HourStart, int AtEnd, int Peak);

/// <summary>
/// The dashboard's figures from the store.
/// </summary>
/// <param name="At">The instant they were computed for.</param>
/// <param name="DayStart">Where "today" starts: midnight UTC.</param>
/// <param name="EscalationsLastHour">Cases opened in the hour up to <paramref name="At"/>.</param>
/// <param name="SlaBreachesToday">Cases reclaimed today because the agent missed the first-reply deadline.</param>
/// <param name="OffersDeclinedToday">Offers declined today.</param>
/// <param name="OffersTimedOutToday">Offers that timed out today.</param>
/// <param name="EscalationsByHour">The last <see cref="DashboardQueries.Hours"/> hours, oldest first; the last is the current hour.</param>
/// <param name="QueueDepthByHour">The same hours' queue depth.</param>
public sealed record DashboardActivity(
    DateTime At,
    DateTime DayStart,
    int EscalationsLastHour,
    int SlaBreachesToday,
    int OffersDeclinedToday,
    int OffersTimedOutToday,
    IReadOnlyList<EscalationHour> EscalationsByHour,
    IReadOnlyList<QueueDepthHour> QueueDepthByHour);

/// <summary>
/// Computes the supervisor dashboard's figures from the append-only case event log: escalations
/// in the last hour, SLA breaches (reclaims) and offers declined or timed out since midnight UTC,
/// escalations per hour by reason and the queue's depth per hour over the last 24 hours. The
/// queue's depth is replayed from the log: a <see cref="CaseEventType.Queued"/> entry puts a case
/// in the queue and any entry that moves it on (offered, assigned, reassigned, transferred,
/// resolved…) takes it out, with entries of one instant (one routing transaction) applied together.
/// </summary>
public class DashboardQueries(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>How many hours the charts cover, the current one included.</summary>
    public const int Hours = 24;

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>The figures as of now.</summary>
    public Task<DashboardActivity> ActivityAsync(CancellationToken cancellationToken = default) =>
        ActivityAsync(time.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>The figures as of <paramref name="now"/> (UTC).</summary>
    public virtual async Task<DashboardActivity> ActivityAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        if (now.Kind != DateTimeKind.Utc) throw new ArgumentException("now must be a UTC time.", nameof(now));
        var dayStart = now.Date;
        var from = FirstHour(now);
        var lastHour = now - Hour;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = db.CaseEvents.AsNoTracking();
        var escalations = await events.CountAsync(e => e.Type == CaseEventType.Escalated && e.At > lastHour && e.At <= now, cancellationToken);
        var today = await events.Where(e => e.At >= dayStart && e.At <= now
                && (e.Type == CaseEventType.Reclaimed || e.Type == CaseEventType.Declined || e.Type == CaseEventType.TimedOut))
            .GroupBy(e => e.Type).Select(g => new { Type = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Type, g => g.Count, cancellationToken);
        return new DashboardActivity(now, dayStart, escalations,
            today.GetValueOrDefault(CaseEventType.Reclaimed), today.GetValueOrDefault(CaseEventType.Declined), today.GetValueOrDefault(CaseEventType.TimedOut),
            await EscalationsByHourAsync(db, from, now, cancellationToken), await QueueDepthByHourAsync(db, from, now, cancellationToken));
    }

    /// <summary>The first hour the charts show for <paramref name="now"/>: the current hour's start less 23 hours.</summary>
    public static DateTime FirstHour(DateTime now) =>
        new DateTime(now.Ticks - now.Ticks % Hour.Ticks, DateTimeKind.Utc) - Hour * (Hours - 1);

    private static async Task<IReadOnlyList<EscalationHour>> EscalationsByHourAsync(AgentConsoleDbContext db, DateTime from, DateTime now, CancellationToken cancellationToken)
    {
        // The case's opening is its Escalated entry; its reasons live on the case, most weighty first.
        var opened = await db.Cases.AsNoTracking().Where(c => c.OpenedAt >= from && c.OpenedAt <= now)
            .Select(c => new { c.OpenedAt, c.Reasons }).ToListAsync(cancellationToken);
        var byHour = opened.ToLookup(c => (int)((c.OpenedAt - from).Ticks / Hour.Ticks));
        return [.. Enumerable.Range(0, Hours).Select(i =>
        {
            var inHour = byHour[i].ToList();
            var byReason = inHour.Where(c => c.Reasons.Count > 0).GroupBy(c => c.Reasons[0].Category).ToDictionary(g => g.Key, g => g.Count());
            return new EscalationHour(from + Hour * i, byReason, inHour.Count);
        })];
    }

    private static async Task<IReadOnlyList<QueueDepthHour>> QueueDepthByHourAsync(AgentConsoleDbContext db, DateTime from, DateTime now, CancellationToken cancellationToken)
    {
        // Every case that could have been in the queue during the window: opened by now, and not resolved before it began.
        var entries = await db.CaseEvents.AsNoTracking()
            .Where(e => e.At <= now && e.Case!.OpenedAt <= now && (e.Case.ResolvedAt == null || e.Case.ResolvedAt >= from))
            .Select(e => new { e.Id, e.CaseId, e.At, e.Type })
            .ToListAsync(cancellationToken);
        var moves = entries.Select(e => (e.Id, Move: new QueueMove(e.CaseId, e.At, MembershipAfter(e.Type))))
            .Where(e => e.Move.InQueue is not null)
            .OrderBy(e => e.Move.At).ThenBy(e => e.Id)
            .Select(e => e.Move);
        return ReplayQueueDepth(moves, from, now);
    }

    /// <summary>Whether a case is in the queue after an entry of <paramref name="type"/>; null when the entry does not move it.</summary>
    internal static bool? MembershipAfter(CaseEventType type) => type switch
    {
        CaseEventType.Queued => true,
        CaseEventType.Routed or CaseEventType.Replied or CaseEventType.Flagged or CaseEventType.Rated
            or CaseEventType.LeadAlerted or CaseEventType.CapacityOverride => null,
        _ => false,
    };

    /// <summary>One entry that moves a case into (true) or out of (false) the queue.</summary>
    internal readonly record struct QueueMove(long CaseId, DateTime At, bool? InQueue);

    /// <summary>
    /// Replays <paramref name="moves"/>, in log order, into hourly depths from <paramref name="from"/>
    /// to <paramref name="now"/>. Moves of one instant are applied together before the peak is taken,
    /// so a case queued and offered in the same transaction never counts.
    /// </summary>
    internal static IReadOnlyList<QueueDepthHour> ReplayQueueDepth(IEnumerable<QueueMove> moves, DateTime from, DateTime now)
    {
        var ordered = moves.ToList();
        var queued = new HashSet<long>();
        var hours = new List<QueueDepthHour>(Hours);
        var i = 0;
        while (i < ordered.Count && ordered[i].At < from) Apply(ordered[i++]);
        var peak = queued.Count;
        var hourEnd = from + Hour;
        while (i < ordered.Count && hours.Count < Hours && ordered[i].At <= now)
        {
            var at = ordered[i].At;
            while (at >= hourEnd && hours.Count < Hours) CloseHour();
            if (hours.Count == Hours) break;
            while (i < ordered.Count && ordered[i].At == at) Apply(ordered[i++]);
            peak = Math.Max(peak, queued.Count);
        }
        while (hours.Count < Hours) CloseHour();
        return hours;

        void Apply(QueueMove move)
        {
            if (move.InQueue == true) queued.Add(move.CaseId);
            else queued.Remove(move.CaseId);
        }

        void CloseHour()
        {
            hours.Add(new QueueDepthHour(hourEnd - Hour, queued.Count, peak));
            peak = queued.Count;
            hourEnd += Hour;
        }
    }
}
