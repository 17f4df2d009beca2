using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Metrics.Facts;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Staffing;

/// <summary>
/// One past case as staffing reads it from the history's fact rows: when it arrived, its team
/// (of the agent who held or resolved it, else the team it was routed to), what it needed, and its
/// handle time (first assignment to resolution), with the routing attributes the simulator replays it with.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="OpenedAt">When it arrived (UTC).</param>
/// <param name="TeamId">Its team.</param>
/// <param name="Category">Its category, as resolved else as classified.</param>
/// <param name="Skill">The skill it needed.</param>
/// <param name="Tier">The tier the escalation suggested.</param>
/// <param name="Priority">Its base priority.</param>
/// <param name="Handle">First assignment to resolution, for an assigned, resolved case.</param>
public sealed record PastCase(long CaseId, DateTime OpenedAt, Guid TeamId, IssueCategory Category, Skill Skill, AgentTier Tier, CasePriority Priority, TimeSpan? Handle);

/// <summary>
/// The cases staffing learns from, read the one way the history is read: the fact rows, caught up
/// first (<see cref="FactsCatchUp.OpenCurrentAsync(IDbContextFactory{AgentConsoleDbContext}, CancellationToken)"/>),
/// selected by a <see cref="MetricsFilter"/> (<see cref="FilteredCases"/>). Cases with no team are left out.
/// </summary>
internal static class StaffingHistory
{
    public static async Task<List<PastCase>> CasesAsync(IDbContextFactory<AgentConsoleDbContext> dbFactory, MetricsFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await FactsCatchUp.OpenCurrentAsync(dbFactory, cancellationToken);
        var rows = await (
            from k in FilteredCases.Of(db, filter)
            where k.TeamId != null
            join c in db.Cases on k.CaseId equals c.Id
            orderby k.OpenedAt, k.CaseId
            select new { k.CaseId, k.OpenedAt, k.TeamId, k.Category, k.Skill, c.Tier, c.Priority, k.ResolveTicks }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PastCase(r.CaseId, r.OpenedAt, r.TeamId!.Value, r.Category, r.Skill, r.Tier, r.Priority,
            r.ResolveTicks is { } ticks ? TimeSpan.FromTicks(ticks) : null))];
    }
}
