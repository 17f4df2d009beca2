using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Conversations;

/// <summary>A customer's account owner with the names the console shows, and their company's owner.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Owner">Who owns the account itself (the customer's own owner).</param>
/// <param name="AgentName">The owning agent's name, when an agent owns it.</param>
/// <param name="TeamName">The owning team's name, or the owning agent's team's.</param>
/// <param name="CompanyOwner">The customer's company and who owns it (<see cref="AccountOwner.None"/> when no one does); null without a company.</param>
public sealed record AccountOwnerView(Guid CustomerId, AccountOwner Owner, string? AgentName, string? TeamName, CompanyOwnerView? CompanyOwner = null)
{
    /// <summary>Whether the account's owner in effect is its company's: the customer has none of their own.</summary>
    public bool FromCompany => Owner.IsNone && CompanyOwner is { Owner.IsNone: false };

    /// <summary>
    /// How the console reads the owner in effect: "Dana Reyes (Billing)", "Team Billing", "No owner",
    /// or the company's, "Dana Reyes (Billing), owner of Acme Ltd".
    /// </summary>
    public string Label => FromCompany ? $"{CompanyOwner!.Label}, owner of {CompanyOwner.Company}" : AccountOwners.LabelOf(Owner, AgentName, TeamName);
}

/// <summary>A company's owner with the names the console shows.</summary>
/// <param name="Company">The company's name.</param>
/// <param name="Owner">Who owns the company's accounts; <see cref="AccountOwner.None"/> when no one does.</param>
/// <param name="AgentName">The owning agent's name, when an agent owns them.</param>
/// <param name="TeamName">The owning team's name, or the owning agent's team's.</param>
public sealed record CompanyOwnerView(string Company, AccountOwner Owner, string? AgentName, string? TeamName)
{
    /// <summary>"Dana Reyes (Billing)", "Team Billing" or "No owner".</summary>
    public string Label => AccountOwners.LabelOf(Owner, AgentName, TeamName);
}

/// <summary>An owner the console offers to pick: an agent or a team, with its label.</summary>
public sealed record OwnerChoice(AccountOwner Owner, string Label);

/// <summary>
/// Reads and sets who owns a customer's account (<see cref="AccountOwner"/>) and who owns a
/// company's accounts (<see cref="Conversations.CompanyOwner"/>): a customer without an owner of
/// their own is owned by their company's. Team leads, supervisors and admins set owners; agents
/// only see them. The rule is enforced here, whatever the UI shows. An owner must be an agent or a
/// team the store knows; a change is stored with its audit entry, or not at all. Routing reads the
/// owner with the customer when it next routes one of their cases.
/// </summary>
public sealed class AccountOwners(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Whether <paramref name="actor"/> may set account owners.</summary>
    public static bool MayEdit(RoutingActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsSystem || actor.Role is ConsoleRole.TeamLead or ConsoleRole.Supervisor or ConsoleRole.Admin;
    }

    /// <summary>How the console names an owner: "Dana Reyes (Billing)", "Team Billing" or "No owner".</summary>
    public static string LabelOf(AccountOwner owner, string? agentName, string? teamName)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return owner.AgentId is not null ? $"{agentName} ({teamName})" : owner.TeamId is not null ? $"Team {teamName}" : "No owner";
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

    /// <summary>The company of the customer known as <paramref name="externalId"/>, trimmed; null when the customer is unknown or has none.</summary>
    public async Task<string?> CompanyOfAsync(string externalId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var company = await db.Customers.AsNoTracking().Where(c => c.ExternalId == externalId).Select(c => c.Company).SingleOrDefaultAsync(cancellationToken);
        return CompanyOwner.KeyOf(company) is null ? null : company!.Trim();
    }

    /// <summary>Who owns <paramref name="company"/>'s accounts, with names (<see cref="AccountOwner.None"/> when no one does).</summary>
    /// <exception cref="DomainException">The company is blank.</exception>
    public async Task<CompanyOwnerView> FindCompanyAsync(string company, CancellationToken cancellationToken = default)
    {
        var key = CompanyOwner.KeyOf(company) ?? throw new DomainException("Name a company.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.CompanyOwners.AsNoTracking().SingleOrDefaultAsync(o => o.Key == key, cancellationToken);
        return await CompanyViewAsync(db, row?.Company ?? company.Trim(), row?.Owner ?? AccountOwner.None, cancellationToken);
    }

    /// <summary>
    /// Sets who owns <paramref name="company"/>'s accounts (<see cref="AccountOwner.None"/> clears it),
    /// audited as <paramref name="by"/>: every customer of the company without an owner of their own.
    /// </summary>
    /// <exception cref="RoutingForbiddenException"><paramref name="actor"/> may not set owners.</exception>
    /// <exception cref="DomainException">The company is blank or too long, or the owner is not an agent or team the store knows; nothing was stored.</exception>
    public async Task<CompanyOwnerView> SetCompanyAsync(string company, AccountOwner owner, RoutingActor actor, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(by);
        if (!MayEdit(actor)) throw new RoutingForbiddenException("Only team leads, supervisors and admins set account owners.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var row = await SetCompanyAsync(db, company, owner, by, time.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await CompanyViewAsync(db, row?.Company ?? company.Trim(), row?.Owner ?? AccountOwner.None, cancellationToken);
    }

    /// <summary>
    /// Sets <paramref name="company"/>'s owner within the caller's context and transaction, with its
    /// audit entry when it changes; the caller saves. Returns the row, or null once cleared.
    /// </summary>
    /// <exception cref="DomainException">The company is blank or too long, or the owner is not an agent or team the store knows.</exception>
    public static async Task<CompanyOwner?> SetCompanyAsync(AgentConsoleDbContext db, string? company, AccountOwner owner, AuditActor by, DateTime now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(by);
        var key = CompanyOwner.KeyOf(company) ?? throw new DomainException("The customer has no company to own.");
        if (company!.Trim().Length > FieldLimits.Name) throw new DomainException($"A company name is at most {FieldLimits.Name} characters long.");
        if (await ProblemAsync(db, owner, cancellationToken) is { } problem) throw new DomainException(problem);
        var row = await db.CompanyOwners.SingleOrDefaultAsync(o => o.Key == key, cancellationToken);
        var before = row?.Owner ?? AccountOwner.None;
        if (owner.IsNone)
        {
            if (row is not null) db.CompanyOwners.Remove(row);
            row = null;
        }
        else if (row is null) db.CompanyOwners.Add(row = new CompanyOwner(company, owner, now));
        else if (row.Owner != owner || row.Company != company.Trim()) row.Set(company, owner, now);
        if (before != owner)
            AuditTrail.Record(db, by, AuditActions.CompanyOwnerChanged, company.Trim(),
                new { company = company.Trim(), fromAgentId = before.AgentId, fromTeamId = before.TeamId, toAgentId = owner.AgentId, toTeamId = owner.TeamId }, now);
        return row;
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
        var (agent, team) = await NamesAsync(db, customer.Owner, cancellationToken);
        CompanyOwnerView? company = null;
        if (CompanyOwner.KeyOf(customer.Company) is { } key)
        {
            var row = await db.CompanyOwners.AsNoTracking().SingleOrDefaultAsync(o => o.Key == key, cancellationToken);
            // The company as its owner's row spells it, like the routing explanation; the customer's own spelling without one.
            company = await CompanyViewAsync(db, row?.Company ?? customer.Company!.Trim(), row?.Owner ?? AccountOwner.None, cancellationToken);
        }
        return new AccountOwnerView(customer.Id, customer.Owner, agent, team, company);
    }

    private static async Task<CompanyOwnerView> CompanyViewAsync(AgentConsoleDbContext db, string company, AccountOwner owner, CancellationToken cancellationToken)
    {
        var (agent, team) = await NamesAsync(db, owner, cancellationToken);
        return new CompanyOwnerView(company, owner, agent, team);
    }

    // The owning agent's name and the owning team's (an agent owner's own).
    private static async Task<(string? Agent, string? Team)> NamesAsync(AgentConsoleDbContext db, AccountOwner owner, CancellationToken cancellationToken)
    {
        var agent = owner.AgentId is { } agentId
            ? await db.Agents.AsNoTracking().Where(a => a.Id == agentId).Select(a => new { a.DisplayName, a.TeamId }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var teamId = owner.TeamId ?? agent?.TeamId;
        var team = teamId is { } id ? await db.Teams.AsNoTracking().Where(t => t.Id == id).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken) : null;
        return (agent?.DisplayName, team);
    }
}
