using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Conversations;

/// <summary>A customer's account owner with the names the console shows.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Owner">Who owns the account.</param>
/// <param name="AgentName">The owning agent's name, when an agent owns it.</param>
/// <param name="TeamName">The owning team's name, or the owning agent's team's.</param>
public sealed record AccountOwnerView(Guid CustomerId, AccountOwner Owner, string? AgentName, string? TeamName)
{
    /// <summary>How the console reads it: "Dana Reyes (Billing)", "Team Billing" or "No owner".</summary>
    public string Label => Owner.AgentId is not null ? $"{AgentName} ({TeamName})" : Owner.TeamId is not null ? $"Team {TeamName}" : "No owner";
}

/// <summary>An owner the console offers to pick: an agent or a team, with its label.</summary>
public sealed record OwnerChoice(AccountOwner Owner, string Label);

/// <summary>
/// Reads and sets who owns a customer's account (<see cref="AccountOwner"/>). Team leads,
/// supervisors and admins set owners; agents only see them. The rule is enforced here, whatever
/// the UI shows. An owner must be an agent or a team the store knows; a change is stored with its
/// audit entry, or not at all. Routing reads the owner with the customer when it next routes one
/// of their cases.
/// </summary>
public sealed class AccountOwners(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Whether <paramref name="actor"/> may set account owners.</summary>
    public static bool MayEdit(RoutingActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsSystem || actor.Role is ConsoleRole.TeamLead or ConsoleRole.Supervisor or ConsoleRole.Admin;
    }

    /// <summary>What is wrong with <paramref name="owner"/> (both set, or an agent or team the store does not know), or null.</summary>
    public async Task<string?> ProblemAsync(AccountOwner owner, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ProblemAsync(db, owner, cancellationToken);
    }

    /// <summary><see cref="ProblemAsync(AccountOwner, CancellationToken)"/> within the caller's context and transaction.</summary>
    public static async Task<string?> ProblemAsync(AgentConsoleDbContext db, AccountOwner owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(owner);
        if (owner.AgentId is not null && owner.TeamId is not null) return "Name an agent or a team, not both.";
        if (owner.AgentId is { } agent && !await db.Agents.AnyAsync(a => a.Id == agent, cancellationToken)) return $"No agent {agent}.";
        if (owner.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, cancellationToken)) return $"No team {team}.";
        return null;
    }

    /// <summary>The customer's owner with names; null when there is no such customer.</summary>
    public async Task<AccountOwnerView?> FindAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        return customer is null ? null : await ViewAsync(db, customer, cancellationToken);
    }

    /// <summary>Every agent and team, agents first, by name, for the console's picker.</summary>
    public async Task<IReadOnlyList<OwnerChoice>> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var agents = await db.Agents.AsNoTracking().Select(a => new { a.Id, a.DisplayName, a.TeamId }).ToListAsync(cancellationToken);
        return
        [
            .. agents.OrderBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase)
                .Select(a => new OwnerChoice(AccountOwner.Agent(a.Id), $"{a.DisplayName} ({teams.GetValueOrDefault(a.TeamId)})")),
            .. teams.OrderBy(t => t.Value, StringComparer.OrdinalIgnoreCase).Select(t => new OwnerChoice(AccountOwner.Team(t.Key), $"Team {t.Value}")),
        ];
    }

    /// <summary>Sets the customer's owner (<see cref="AccountOwner.None"/> clears it), audited as <paramref name="by"/>.</summary>
    /// <exception cref="RoutingForbiddenException"><paramref name="actor"/> may not set owners.</exception>
    /// <exception cref="RoutingNotFoundException">There is no such customer.</exception>
    /// <exception cref="DomainException">The owner is not an agent or team the store knows; nothing was stored.</exception>
    public async Task<AccountOwnerView> SetAsync(Guid customerId, AccountOwner owner, RoutingActor actor, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(by);
        if (!MayEdit(actor)) throw new RoutingForbiddenException("Only team leads, supervisors and admins set account owners.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken)
            ?? throw new RoutingNotFoundException($"Customer {customerId} does not exist.");
        if (await ProblemAsync(db, owner, cancellationToken) is { } problem) throw new DomainException(problem);
        var now = time.GetUtcNow().UtcDateTime;
        var before = customer.Owner;
        if (customer.SetOwner(owner, now)) RecordChange(db, by, customer, before, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await ViewAsync(db, customer, cancellationToken);
    }

    /// <summary>Adds the audit entry for a change of <paramref name="customer"/>'s owner from <paramref name="before"/>; the caller saves it with the change.</summary>
    public static void RecordChange(AgentConsoleDbContext db, AuditActor by, Customer customer, AccountOwner before, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(before);
        AuditTrail.Record(db, by, AuditActions.CustomerOwnerChanged, customer.ExternalId,
            new { customerId = customer.Id, fromAgentId = before.AgentId, fromTeamId = before.TeamId, toAgentId = customer.OwnerAgentId, toTeamId = customer.OwnerTeamId }, now);
    }

    private static async Task<AccountOwnerView> ViewAsync(AgentConsoleDbContext db, Customer customer, CancellationToken cancellationToken)
    {
        var agent = customer.OwnerAgentId is { } agentId
            ? await db.Agents.AsNoTracking().Where(a => a.Id == agentId).Select(a => new { a.DisplayName, a.TeamId }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var teamId = customer.OwnerTeamId ?? agent?.TeamId;
        var team = teamId is { } id ? await db.Teams.AsNoTracking().Where(t => t.Id == id).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken) : null;
        return new AccountOwnerView(customer.Id, customer.Owner, agent?.DisplayName, team);
    }
}
