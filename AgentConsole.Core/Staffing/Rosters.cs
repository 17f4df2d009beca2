using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Staffing;

/// <summary>
/// The teams' rosters: the agents scheduled per hour of the week, in a draft a lead edits and
/// tries and a published version the forecast compares with. A lead may change their own team's,
/// supervisors and admins any team's; every save and publication is written to the audit log in
/// the same transaction.
/// </summary>
public class Rosters(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The roster of <paramref name="teamId"/>: 168 counts, Monday 00:00 first (zeros where nothing is stored).</summary>
    public virtual async Task<int[]> GetAsync(Guid teamId, RosterVersion version, CancellationToken cancellationToken = default) =>
        (await AllAsync(version, cancellationToken)).GetValueOrDefault(teamId) ?? new int[WeekHours.Count];

    /// <summary>Every team's roster of <paramref name="version"/> that has any row, by team.</summary>
    public virtual async Task<IReadOnlyDictionary<Guid, int[]>> AllAsync(RosterVersion version, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.RosterHours.AsNoTracking().Where(r => r.Version == version)
            .Select(r => new { r.TeamId, r.HourOfWeek, r.Agents }).ToListAsync(cancellationToken);
        var rosters = new Dictionary<Guid, int[]>();
        foreach (var row in rows)
        {
            if (!rosters.TryGetValue(row.TeamId, out var hours)) rosters.Add(row.TeamId, hours = new int[WeekHours.Count]);
            hours[row.HourOfWeek] = row.Agents;
        }
        return rosters;
    }

    /// <summary>Replaces <paramref name="teamId"/>'s draft with <paramref name="agents"/> (168 counts). Returns how many hours changed.</summary>
    /// <exception cref="DomainException">Not 168 counts, or a count outside 0 to <see cref="RosterHour.MaxAgents"/>.</exception>
    /// <exception cref="RoutingNotFoundException">No such team.</exception>
    /// <exception cref="RoutingForbiddenException"><paramref name="actor"/> may not change this team's roster.</exception>
    public virtual async Task<int> SaveDraftAsync(Guid teamId, IReadOnlyList<int> agents, RoutingActor actor, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agents);
        if (agents.Count != WeekHours.Count) throw new DomainException($"A roster has {WeekHours.Count} hours, not {agents.Count}.");
        foreach (var count in agents)
            if (count is < 0 or > RosterHour.MaxAgents) throw new DomainException($"Scheduled agents must be between 0 and {RosterHour.MaxAgents}, not {count}.");
        return await CopyIntoAsync(teamId, RosterVersion.Draft, _ => agents, actor, by, AuditActions.RosterDraftSaved, cancellationToken);
    }

    /// <summary>Publishes <paramref name="teamId"/>'s draft: the published roster becomes a copy of it. Returns how many hours changed.</summary>
    /// <exception cref="RoutingNotFoundException">No such team.</exception>
    /// <exception cref="RoutingForbiddenException"><paramref name="actor"/> may not change this team's roster.</exception>
    public virtual Task<int> PublishAsync(Guid teamId, RoutingActor actor, AuditActor by, CancellationToken cancellationToken = default) =>
        CopyIntoAsync(teamId, RosterVersion.Published, draft => draft, actor, by, AuditActions.RosterPublished, cancellationToken);

    /// <summary>Whether <paramref name="actor"/> may change <paramref name="teamId"/>'s roster: its lead, a supervisor or an admin.</summary>
    public static bool MayEdit(RoutingActor actor, Guid teamId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsSupervisor || (actor.Role == ConsoleRole.TeamLead && actor.TeamId == teamId);
    }

    // Writes the target version from the draft's counts (the draft itself when saving), with its audit entry, in one transaction.
    private async Task<int> CopyIntoAsync(Guid teamId, RosterVersion target, Func<int[], IReadOnlyList<int>> counts, RoutingActor actor, AuditActor by,
        string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(by);
        if (!MayEdit(actor, teamId)) throw new RoutingForbiddenException("Only the team's lead, a supervisor or an admin may change its roster.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken) ?? throw new RoutingNotFoundException($"Team {teamId} does not exist.");
        var rows = await db.RosterHours.Where(r => r.TeamId == teamId).ToListAsync(cancellationToken);
        var draft = new int[WeekHours.Count];
        foreach (var row in rows.Where(r => r.Version == RosterVersion.Draft)) draft[row.HourOfWeek] = row.Agents;
        var wanted = counts(draft);
        var existing = rows.Where(r => r.Version == target).ToDictionary(r => r.HourOfWeek);
        var changed = new List<object>();
        for (var hour = 0; hour < WeekHours.Count; hour++)
        {
            var before = existing.TryGetValue(hour, out var row) ? row.Agents : 0;
            if (before == wanted[hour]) continue;
            changed.Add(new { hour = WeekHours.Label(hour), before, after = wanted[hour] });
            if (row is null) db.RosterHours.Add(new RosterHour(teamId, target, hour, wanted[hour]));
            else row.SetAgents(wanted[hour]);
        }
        AuditTrail.Record(db, by, action, $"team:{team.Name}", new { teamId, changedHours = changed.Count, changes = changed.Take(24) }, time.UtcNowDateTime());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed.Count;
    }
}
