using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Schedules;

/// <summary>A team with its hours as the admin page shows them; <see cref="Hours"/> is null for a team open around the clock.</summary>
public sealed record TeamHoursView(Guid TeamId, string TeamName, TeamHours? Hours);

/// <summary>
/// The admins' edits of teams' business hours: checked (<see cref="TeamHours.Define"/>), stored with an
/// audit entry in one transaction, then applied by the routing engine at once (who is out of hours,
/// the next opening). A refused edit stores nothing. The admin page enforces the role.
/// </summary>
public sealed class TeamHoursAdmin(IDbContextFactory<AgentConsoleDbContext> dbFactory, IRoutingDesk engine, TimeProvider time)
{
    /// <summary>Every team with its hours, by name.</summary>
    public async Task<IReadOnlyList<TeamHoursView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hours = await db.TeamHours.AsNoTracking().ToDictionaryAsync(h => h.TeamId, cancellationToken);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return [.. teams.Select(t => new TeamHoursView(t.Id, t.Name, hours.GetValueOrDefault(t.Id)))];
    }

    /// <summary>Sets the team's hours, audited as <paramref name="by"/>; a <see cref="DomainException"/> says what is wrong, and nothing is stored.</summary>
    public async Task SaveAsync(Guid teamId, string timeZone, IReadOnlyList<OpeningSpan> spans, IReadOnlyList<DateOnly> holidays, AuditActor by,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken) ?? throw new DomainException("That team does not exist.");
            var hours = await db.TeamHours.SingleOrDefaultAsync(h => h.TeamId == teamId, cancellationToken);
            if (hours is null) db.TeamHours.Add(hours = new TeamHours(teamId, timeZone, spans, holidays));
            else hours.Define(timeZone, spans, holidays);
            AuditTrail.Record(db, by, AuditActions.TeamHoursSaved, team.Name,
                new { teamId, timeZone, spans = OpeningHoursText.Format(hours.Spans), holidays = OpeningHoursText.Format(hours.Holidays) }, time.UtcNowDateTime());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await engine.SchedulesChangedAsync();
    }

    /// <summary>Removes the team's hours, audited: it is open around the clock from now on.</summary>
    public async Task ClearAsync(Guid teamId, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken) ?? throw new DomainException("That team does not exist.");
            if (await db.TeamHours.SingleOrDefaultAsync(h => h.TeamId == teamId, cancellationToken) is not { } hours) return;
            db.TeamHours.Remove(hours);
            AuditTrail.Record(db, by, AuditActions.TeamHoursCleared, team.Name, new { teamId }, time.UtcNowDateTime());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await engine.SchedulesChangedAsync();
    }
}
