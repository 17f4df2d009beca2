using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Schedules;

/// <summary>One rotation on a team's board: who is on call now and until when, and who takes over then.</summary>
public sealed record OnCallNowAndNext(string Rotation, string? Now, DateTime HandOverAt, string? Next);

/// <summary>
/// The on-call rotations a team's board shows: the team's own and every skill rotation with a
/// member in the team, with who is on call now and next computed at the given instant.
/// </summary>
public sealed class OnCallQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>The rotations that concern <paramref name="teamId"/>, with who is on call at <paramref name="now"/> and next.</summary>
    public async Task<IReadOnlyList<OnCallNowAndNext>> ForTeamAsync(Guid teamId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().Select(a => new { a.Id, a.DisplayName, a.TeamId }).ToDictionaryAsync(a => a.Id, cancellationToken);
        var rotations = await db.OnCallRotations.AsNoTracking().ToListAsync(cancellationToken);
        string? Name(Guid? id) => id is { } agent && agents.TryGetValue(agent, out var a) ? a.DisplayName : null;
        return [.. rotations
            .Where(r => r.TeamId == teamId || (r.TeamId is null && r.Members.Any(m => agents.TryGetValue(m, out var a) && a.TeamId == teamId)))
            .OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(r =>
            {
                var calendar = new RotationCalendar(r);
                var current = calendar.Current(now);
                return new OnCallNowAndNext(r.Name, Name(current.AgentId), current.Until, Name(calendar.OnCallAt(current.Until)));
            })];
    }
}
