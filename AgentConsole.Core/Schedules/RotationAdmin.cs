using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Schedules;

/// <summary>An agent as the rotation editor lists them.</summary>
public sealed record RotationAgent(Guid Id, string Name, Guid TeamId);

/// <summary>A team as the rotation editor lists them.</summary>
public sealed record RotationTeam(Guid Id, string Name);

/// <summary>A stored rotation with its id, for the admin page and the team board.</summary>
public sealed record StoredRotation(Guid Id, RotationDefinition Definition, OnCallRotation Rotation);

/// <summary>
/// The admins' edits of on-call rotations: checked (<see cref="RotationRules"/>, members and
/// covers that exist, one rotation per skill or team), stored with an audit entry in one
/// transaction, then applied by the routing engine at once. A refused edit stores nothing.
/// The admin page enforces the role; this service is reached only from it.
/// </summary>
public sealed class RotationAdmin(IDbContextFactory<AgentConsoleDbContext> dbFactory, IRoutingDesk engine, TimeProvider time)
{
    /// <summary>Every rotation, by name.</summary>
    public async Task<IReadOnlyList<StoredRotation>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rotations = await db.OnCallRotations.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rotations.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).Select(r => new StoredRotation(r.Id, r.Definition, r))];
    }

    /// <summary>The agents and teams a rotation may name.</summary>
    public async Task<(IReadOnlyList<RotationAgent> Agents, IReadOnlyList<RotationTeam> Teams)> DeskAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.DisplayName).Select(a => new RotationAgent(a.Id, a.DisplayName, a.TeamId)).ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new RotationTeam(t.Id, t.Name)).ToListAsync(cancellationToken);
        return (agents, teams);
    }

    /// <summary>
    /// Stores a new rotation (<paramref name="id"/> null) or replaces one, audited as
    /// <paramref name="by"/>; returns its id. A <see cref="DomainException"/> says what is wrong, and nothing is stored.
    /// </summary>
    public async Task<Guid> SaveAsync(Guid? id, RotationDefinition definition, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(by);
        RotationRules.Check(definition);
        Guid saved;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            var named = definition.Members.Concat(definition.Overrides.Where(o => o.CoverAgentId is not null).Select(o => o.CoverAgentId!.Value)).Distinct().ToList();
            var known = await db.Agents.Where(a => named.Contains(a.Id)).CountAsync(cancellationToken);
            if (known != named.Count) throw new DomainException("A rotation may name only agents of the desk.");
            if (definition.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken))
                throw new DomainException("The rotation's team does not exist.");
            // One rotation per skill or team: two would each put someone on call for the same work.
            var others = await db.OnCallRotations.Where(r => r.Id != id && r.Skill == definition.Skill && r.TeamId == definition.TeamId).AnyAsync(cancellationToken);
            if (others) throw new DomainException("Another rotation already covers that skill or team; edit it instead.");
            OnCallRotation rotation;
            if (id is { } existing)
            {
                rotation = await db.OnCallRotations.SingleOrDefaultAsync(r => r.Id == existing, cancellationToken)
                    ?? throw new DomainException("That rotation no longer exists.");
                rotation.Define(definition);
            }
            else db.OnCallRotations.Add(rotation = new OnCallRotation(definition));
            AuditTrail.Record(db, by, AuditActions.RotationSaved, rotation.Name, new
            {
                rotationId = rotation.Id, skill = definition.Skill?.ToString(), teamId = definition.TeamId, timeZone = definition.TimeZone,
                handOver = definition.HandOver.ToString("HH\\:mm"), shiftDays = definition.ShiftDays, startDate = definition.StartDate,
                members = definition.Members, overrides = definition.Overrides.Count,
            }, time.UtcNowDateTime());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            saved = rotation.Id;
        }
        // Stored first, then applied: the engine reloads the rotations from the store.
        await engine.SchedulesChangedAsync();
        return saved;
    }

    /// <summary>Deletes a rotation, audited; its members stop being on call at once.</summary>
    public async Task DeleteAsync(Guid id, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            var rotation = await db.OnCallRotations.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new DomainException("That rotation no longer exists.");
            db.OnCallRotations.Remove(rotation);
            AuditTrail.Record(db, by, AuditActions.RotationDeleted, rotation.Name, new { rotationId = id }, time.UtcNowDateTime());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await engine.SchedulesChangedAsync();
    }
}
