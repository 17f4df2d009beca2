using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Schedules;

/// <summary>One rotation on a team's board: who is on call now and until when, and who takes over then.</summary>
public sealed record OnCallNowAndNext(string Rotation, string? Now, DateTime HandOverAt, string? Next);

/// <summary>
/// What a team's board shows of the schedules: the on-call rotations that concern the team (its own
/// and every skill rotation with a member in it, with who is on call now and next) and the team's
/// business hours, by which its SLA clocks count.
/// </summary>
public sealed class ScheduleQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>The team's business calendar, or null for a team open around the clock.</summary>
    public async Task<BusinessCalendar?> HoursAsync(Guid teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TeamHours.AsNoTracking().SingleOrDefaultAsync(h => h.TeamId == teamId, cancellationToken) is { } hours ? new BusinessCalendar(hours) : null;
    }

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
