using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics;

/// <summary>A team as the board lists it: its name, its lead, and whether its cases are assigned outright.</summary>
public sealed record TeamSummary(Guid Id, string Name, Guid? LeadAgentId, bool AutoAssign);

/// <summary>
/// What the team board reads from the store beside the engine's snapshot: the teams the user may
/// open, and a case's routing explanation, for users who may see the case.
/// </summary>
public sealed class TeamBoardQueries(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    private static readonly JsonSerializerOptions ExplanationJson = new(JsonSerializerDefaults.Web);

    /// <summary>The teams whose board <paramref name="actor"/> may open: all for supervisors and admins, their own for a team lead, none otherwise.</summary>
    public async Task<IReadOnlyList<TeamSummary>> TeamsAsync(RoutingActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsSupervisor && (actor.Role != ConsoleRole.TeamLead || actor.TeamId is null)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Teams.AsNoTracking();
        if (!actor.IsSupervisor) query = query.Where(t => t.Id == actor.TeamId);
        var teams = await query.Select(t => new TeamSummary(t.Id, t.Name, t.LeadAgentId, t.AutoAssign)).ToListAsync(cancellationToken);
        return [.. teams.OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>
    /// The latest routing explanation of an open case, or null when it has none yet.
    /// </summary>
    /// <exception cref="RoutingNotFoundException">The case is not open in <paramref name="snapshot"/>.</exception>
    /// <exception cref="RoutingForbiddenException"><paramref name="actor"/> may not see the case.</exception>
    public async Task<RoutingExplanation?> ExplanationAsync(long caseId, RoutingActor actor, RoutingSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(snapshot);
        var state = snapshot.Cases.SingleOrDefault(c => c.Id == caseId) ?? throw new RoutingNotFoundException($"Case {caseId} is not open.");
        Guid? holderTeam = state.Holder is { } h ? snapshot.Agents.SingleOrDefault(a => a.Id == h)?.TeamId : null;
        if (!RoutingPermissions.MaySee(actor, state.Holder, holderTeam, state.TeamId, state.Status == CaseStatus.Queued))
            throw new RoutingForbiddenException("You may not see this case's routing.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var json = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.RoutingExplanation).SingleOrDefaultAsync(cancellationToken);
        return string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<RoutingExplanation>(json, ExplanationJson);
    }
}
