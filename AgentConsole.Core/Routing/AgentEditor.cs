using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing;

/// <summary>A skill with a proficiency from <see cref="AgentSkill.MinProficiency"/> to <see cref="AgentSkill.MaxProficiency"/>.</summary>
public sealed record SkillLevel(Skill Skill, int Proficiency);

/// <summary>The routing settings of an agent, as the edit dialog shows them.</summary>
public sealed record AgentProfile(Guid Id, string Name, Guid TeamId, AgentTier Tier, int Capacity, IReadOnlyList<SkillLevel> Skills);

/// <summary>New routing settings for an agent: skills with proficiency, tier and capacity (who is on call comes from the rotations).</summary>
public sealed record AgentEdit(Guid AgentId, IReadOnlyList<SkillLevel> Skills, AgentTier Tier, int Capacity)
{
    /// <summary>The lowest capacity: an agent at 0 is offered nothing.</summary>
    public const int MinCapacity = 0;

    /// <summary>The highest capacity.</summary>
    public const int MaxCapacity = 100;

    /// <summary>What is wrong with the edit, one sentence per problem; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Tier)) errors.Add($"Unknown tier {Tier}.");
        if (Capacity is < MinCapacity or > MaxCapacity) errors.Add($"Capacity must be between {MinCapacity} and {MaxCapacity}.");
        if (Skills is null || Skills.Count == 0)
        {
            errors.Add("An agent needs at least one skill.");
            return errors;
        }
        foreach (var skill in Skills)
        {
            if (!Enum.IsDefined(skill.Skill)) errors.Add($"Unknown skill {skill.Skill}.");
            else if (skill.Proficiency is < AgentSkill.MinProficiency or > AgentSkill.MaxProficiency)
                errors.Add($"{skill.Skill}: proficiency must be between {AgentSkill.MinProficiency} and {AgentSkill.MaxProficiency}.");
        }
        foreach (var twice in Skills.GroupBy(s => s.Skill).Where(g => g.Count() > 1))
            errors.Add($"{twice.Key} is listed more than once.");
        return errors;
    }
}

/// <summary>An agent edit that breaks the rules in <see cref="Errors"/>; nothing was saved.</summary>
public sealed class AgentEditInvalidException(IReadOnlyList<string> errors) : DomainException(string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// Edits an agent's routing settings (skills and proficiency, tier, capacity), and a
/// team's (auto-assign), in the store and then tells the routing engine, which reloads the agent and applies the change at once: a
/// case waiting for a skill the agent just gained is offered to them.
/// <para>
/// Supervisors and admins edit any agent or team; a team lead edits only their own team and its
/// agents; agents edit no one. The rule is enforced here, whatever the UI shows.
/// </para>
/// </summary>
public sealed class AgentEditor(IDbContextFactory<AgentConsoleDbContext> dbFactory, IRoutingDesk engine)
{
    /// <summary>Whether <paramref name="actor"/> may edit an agent of <paramref name="agentTeam"/>.</summary>
    public static bool MayEdit(RoutingActor actor, Guid agentTeam)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsSystem || actor.IsSupervisor || (actor.Role == ConsoleRole.TeamLead && actor.TeamId == agentTeam);
    }

    /// <summary>The agent's current settings.</summary>
    /// <exception cref="RoutingNotFoundException">There is no such agent.</exception>
    /// <exception cref="RoutingForbiddenException"><paramref name="actor"/> may not edit the agent.</exception>
    public async Task<AgentProfile> LoadAsync(Guid agentId, RoutingActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agent = await db.Agents.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agentId, cancellationToken)
            ?? throw new RoutingNotFoundException($"Agent {agentId} does not exist.");
        EnsureMayEdit(actor, agent);
        return ProfileOf(agent);
    }

    /// <summary>Validates and stores <paramref name="edit"/>, then has the engine apply it; returns the stored settings.</summary>
    /// <exception cref="AgentEditInvalidException">The edit breaks a rule; nothing was stored.</exception>
    /// <exception cref="RoutingNotFoundException">There is no such agent.</exception>
    /// <exception cref="RoutingForbiddenException"><paramref name="actor"/> may not edit the agent.</exception>
    public async Task<AgentProfile> SaveAsync(AgentEdit edit, RoutingActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = edit.Validate();
        if (errors.Count > 0) throw new AgentEditInvalidException(errors);

        AgentProfile saved;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            var agent = await db.Agents.SingleOrDefaultAsync(a => a.Id == edit.AgentId, cancellationToken)
                ?? throw new RoutingNotFoundException($"Agent {edit.AgentId} does not exist.");
            EnsureMayEdit(actor, agent);
            agent.SetSkills(edit.Skills.Select(s => new AgentSkill(s.Skill, s.Proficiency)));
            agent.SetTier(edit.Tier);
            agent.SetCapacity(edit.Capacity);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            saved = ProfileOf(agent);
        }
        // Stored first, then applied: the engine reloads the agent from the store.
        await engine.AgentChangedAsync(edit.AgentId);
        return saved;
    }

    /// <summary>
    /// Sets whether the team's cases are assigned outright instead of offered (no accept step, no
    /// offer timeout), then has the engine apply it to the next case it routes to the team.
    /// </summary>
    /// <exception cref="RoutingNotFoundException">There is no such team.</exception>
    /// <exception cref="RoutingForbiddenException"><paramref name="actor"/> may not edit the team.</exception>
    public async Task SetAutoAssignAsync(Guid teamId, bool autoAssign, RoutingActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken)
                ?? throw new RoutingNotFoundException($"Team {teamId} does not exist.");
            if (!MayEdit(actor, team.Id)) throw new RoutingForbiddenException("You may change only your own team's settings.");
            team.SetAutoAssign(autoAssign);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await engine.TeamsChangedAsync();
    }

    private static void EnsureMayEdit(RoutingActor actor, Agent agent)
    {
        if (!MayEdit(actor, agent.TeamId)) throw new RoutingForbiddenException("You may edit only the agents of your own team.");
    }

    private static AgentProfile ProfileOf(Agent agent) => new(agent.Id, agent.DisplayName, agent.TeamId, agent.Tier, agent.Capacity,
        [.. agent.Skills.Select(s => new SkillLevel(s.Skill, s.Proficiency)).OrderByDescending(s => s.Proficiency).ThenBy(s => s.Skill)]);
}
