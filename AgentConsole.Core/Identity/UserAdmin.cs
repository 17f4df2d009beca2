using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Core.Identity;

/// <summary>A console login as the admin page lists it.</summary>
public sealed record UserSummary(string Id, string Email, string DisplayName, string? Role, Guid? AgentId, string? AgentName, bool IsLockedOut);

/// <summary>An agent record that a login can work as.</summary>
public sealed record AgentChoice(Guid Id, string DisplayName, string Email, bool HasLogin);

/// <summary>What the admin fills in for a new login.</summary>
public sealed record NewUser(string Email, string DisplayName, string Role, Guid? AgentId, string Password);

/// <summary>
/// The admin's operations on console logins through ASP.NET Core Identity: create one (the
/// password policy applies), change its role and agent record, lock and unlock it. Each runs in a
/// scope and a transaction of its own, so nothing is half-stored. Agents and team leads must be
/// linked to an agent record; the last unlocked admin cannot be demoted or locked.
/// </summary>
public sealed class UserAdmin(IServiceScopeFactory scopes, IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Every login, by display name.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var roles = await RolesByUserAsync(db, cancellationToken);
        var agents = await db.Agents.AsNoTracking().Select(a => new { a.Id, a.DisplayName }).ToDictionaryAsync(a => a.Id, a => a.DisplayName, cancellationToken);
        var now = time.GetUtcNow();
        return users.Select(u => new UserSummary(
            u.Id, u.Email ?? u.UserName ?? "", u.DisplayName, roles.GetValueOrDefault(u.Id), u.AgentId,
            u.AgentId is { } agent ? agents.GetValueOrDefault(agent) : null,
            u.LockoutEnd is { } end && end > now)).ToList();
    }

    /// <summary>Every agent record, with whether a login already works as it.</summary>
    public async Task<IReadOnlyList<AgentChoice>> AgentsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var linked = await db.Users.Where(u => u.AgentId != null).Select(u => u.AgentId!.Value).ToListAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.DisplayName).Select(a => new { a.Id, a.DisplayName, a.Email }).ToListAsync(cancellationToken);
        return agents.Select(a => new AgentChoice(a.Id, a.DisplayName, a.Email, linked.Contains(a.Id))).ToList();
    }

    /// <summary>Creates a login with a role, an optional agent record and an initial password, as <paramref name="by"/>.</summary>
    /// <exception cref="DomainException">A field is missing or taken, or the password breaks the policy; nothing was stored.</exception>
    public async Task<UserSummary> CreateAsync(NewUser user, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(by);
        var email = (user.Email ?? "").Trim();
        var name = (user.DisplayName ?? "").Trim();
        if (email.Length == 0 || !email.Contains('@')) throw new DomainException("Enter the user's email address.");
        if (email.Length > FieldLimits.Email) throw new DomainException($"The email may have at most {FieldLimits.Email} characters.");
        if (name.Length == 0) throw new DomainException("Enter the user's display name.");
        if (name.Length > FieldLimits.Name) throw new DomainException($"The display name may have at most {FieldLimits.Name} characters.");
        var role = CheckRole(user.Role);

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        await CheckAgentAsync(db, role, user.AgentId, userId: null, cancellationToken);

        var login = new ConsoleUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, AgentId = user.AgentId };
        Check(await users.CreateAsync(login, user.Password ?? ""));
        Check(await users.AddToRoleAsync(login, role));
        await AuditAsync(db, by, AuditActions.UserCreated, login, new { userId = login.Id, role, agentId = user.AgentId }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await SummaryAsync(login.Id, cancellationToken);
    }

    /// <summary>
    /// Gives the login <paramref name="role"/> in place of its current one, working as
    /// <paramref name="agentId"/> (required for agents and team leads). The user's new claims apply
    /// at their next sign-in.
    /// </summary>
    public async Task<UserSummary> ChangeRoleAsync(string userId, string role, Guid? agentId, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        role = CheckRole(role);
        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var login = await users.FindByIdAsync(userId) ?? throw new DomainException("That user no longer exists.");
        var current = await users.GetRolesAsync(login);
        if (current.Contains(ConsoleRoles.Admin) && role != ConsoleRoles.Admin)
        {
            if (login.Id == by.UserId) throw new DomainException("You cannot take away your own admin role.");
            await CheckAnotherAdminAsync(db, login.Id, cancellationToken);
        }
        await CheckAgentAsync(db, role, agentId, login.Id, cancellationToken);

        if (current.Count > 0) Check(await users.RemoveFromRolesAsync(login, current));
        Check(await users.AddToRoleAsync(login, role));
        login.AgentId = agentId;
        Check(await users.UpdateAsync(login));
        // A new security stamp makes the user's cookie be checked again, with the new claims.
        Check(await users.UpdateSecurityStampAsync(login));
        await AuditAsync(db, by, AuditActions.UserRoleChanged, login, new { userId = login.Id, from = current, to = role, agentId }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await SummaryAsync(login.Id, cancellationToken);
    }

    /// <summary>Locks the login until an admin unlocks it, and ends its sessions at their next check.</summary>
    public async Task<UserSummary> LockAsync(string userId, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var login = await users.FindByIdAsync(userId) ?? throw new DomainException("That user no longer exists.");
        if (login.Id == by.UserId) throw new DomainException("You cannot lock yourself out.");
        if (await users.IsInRoleAsync(login, ConsoleRoles.Admin)) await CheckAnotherAdminAsync(db, login.Id, cancellationToken);

        Check(await users.SetLockoutEnabledAsync(login, true));
        Check(await users.SetLockoutEndDateAsync(login, DateTimeOffset.MaxValue));
        Check(await users.UpdateSecurityStampAsync(login));
        await AuditAsync(db, by, AuditActions.UserLocked, login, new { userId = login.Id }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await SummaryAsync(login.Id, cancellationToken);
    }

    /// <summary>Unlocks the login and forgets its failed sign-in attempts, as <paramref name="by"/>.</summary>
    public async Task<UserSummary> UnlockAsync(string userId, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var login = await users.FindByIdAsync(userId) ?? throw new DomainException("That user no longer exists.");
        Check(await users.SetLockoutEndDateAsync(login, null));
        Check(await users.ResetAccessFailedCountAsync(login));
        await AuditAsync(db, by, AuditActions.UserUnlocked, login, new { userId = login.Id }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await SummaryAsync(login.Id, cancellationToken);
    }

    // Identity's manager has saved the change on this context; the entry joins it in the same transaction.
    private async Task AuditAsync(AgentConsoleDbContext db, AuditActor by, string action, ConsoleUser login, object detail, CancellationToken cancellationToken)
    {
        AuditTrail.Record(db, by, action, login.Email ?? login.UserName ?? login.Id, detail, time.UtcNowDateTime());
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<UserSummary> SummaryAsync(string userId, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Single(u => u.Id == userId);

    private static (UserManager<ConsoleUser> Users, AgentConsoleDbContext Db) Services(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>(), scope.ServiceProvider.GetRequiredService<AgentConsoleDbContext>());

    private static string CheckRole(string? role) =>
        ConsoleRoles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new DomainException($"Choose a role: {string.Join(", ", ConsoleRoles.All)}.");

    private static async Task CheckAgentAsync(AgentConsoleDbContext db, string role, Guid? agentId, string? userId, CancellationToken cancellationToken)
    {
        if (agentId is not { } agent)
        {
            if (role is ConsoleRoles.Agent or ConsoleRoles.TeamLead) throw new DomainException($"A {Describe(role)} must be linked to an agent record.");
            return;
        }
        if (!await db.Agents.AnyAsync(a => a.Id == agent, cancellationToken)) throw new DomainException("That agent record does not exist.");
        if (await db.Users.AnyAsync(u => u.AgentId == agent && u.Id != userId, cancellationToken))
            throw new DomainException("Another login already works as that agent.");
    }

    private async Task CheckAnotherAdminAsync(AgentConsoleDbContext db, string userId, CancellationToken cancellationToken)
    {
        var adminRole = await db.Roles.Where(r => r.Name == ConsoleRoles.Admin).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken);
        var admins = await db.UserRoles.Where(ur => ur.RoleId == adminRole && ur.UserId != userId).Select(ur => ur.UserId).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var lockouts = await db.Users.Where(u => admins.Contains(u.Id)).Select(u => u.LockoutEnd).ToListAsync(cancellationToken);
        if (!lockouts.Any(end => end is null || end <= now)) throw new DomainException("This is the last admin who can sign in; make another admin first.");
    }

    private static async Task<Dictionary<string, string>> RolesByUserAsync(AgentConsoleDbContext db, CancellationToken cancellationToken)
    {
        var pairs = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        // A user with several roles acts in the highest, as the console's authorization does.
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key,
            g => g.Select(p => p.Name ?? "").OrderByDescending(n => ConsoleRoles.All.ToList().IndexOf(n)).First());
    }

    private static string Describe(string role) => role == ConsoleRoles.TeamLead ? "team lead" : role.ToLowerInvariant();

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
