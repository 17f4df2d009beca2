using System.Net;
using AgentConsole.Core.Common;
using AgentConsole.Core.Identity;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Admin;

public sealed class UserAdminTests : ApiTestBase
{
    private const string Password = "Strong-Pass-2026!";

    private UserAdmin Users => Factory.Services.GetRequiredService<UserAdmin>();

    [Fact]
    public async Task CreatesAUserWhoCanSignInWithTheirRole()
    {
        var created = await Users.CreateAsync(new NewUser(" nina.berg@agentconsole.demo ", "Nina Berg", ConsoleRoles.Supervisor, null, Password), TestActors.Admin);

        Assert.Equal(("nina.berg@agentconsole.demo", "Nina Berg", ConsoleRoles.Supervisor, false), (created.Email, created.DisplayName, created.Role, created.IsLockedOut));
        using var client = await CookieLogin.SignInAsync(Factory, "nina.berg@agentconsole.demo", Password);
    }

    [Fact]
    public async Task CreatesAnAgentLinkedToTheirAgentRecord()
    {
        var agent = await UnlinkedAgentAsync();

        var created = await Users.CreateAsync(new NewUser("new.agent@agentconsole.demo", "New Agent", ConsoleRoles.Agent, agent.Id, Password), TestActors.Admin);

        Assert.Equal((agent.Id, agent.DisplayName), (created.AgentId, created.AgentName));
        Assert.Contains(await Users.AgentsAsync(), a => a.Id == agent.Id && a.HasLogin);
    }

    [Fact]
    public async Task RefusesAPasswordThatBreaksThePolicyAndStoresNothing()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Users.CreateAsync(new NewUser("weak@agentconsole.demo", "Weak", ConsoleRoles.Supervisor, null, "short"), TestActors.Admin));

        Assert.Contains("at least 10 characters", error.Message);
        await using var db = Factory.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "weak@agentconsole.demo"));
    }

    [Fact]
    public async Task RefusesAnAgentWithoutAnAgentRecordAndATakenEmail()
    {
        var noAgent = await Assert.ThrowsAsync<DomainException>(() =>
            Users.CreateAsync(new NewUser("lead@agentconsole.demo", "Lead", ConsoleRoles.TeamLead, null, Password), TestActors.Admin));
        var taken = await Assert.ThrowsAsync<DomainException>(() =>
            Users.CreateAsync(new NewUser(DemoUsers.SupervisorEmail, "Again", ConsoleRoles.Supervisor, null, Password), TestActors.Admin));

        Assert.Contains("team lead must be linked to an agent record", noAgent.Message);
        Assert.Contains("already taken", taken.Message);
    }

    [Fact]
    public async Task RefusesAnAgentRecordThatAlreadyHasALogin()
    {
        var linked = (await Users.AgentsAsync()).First(a => a.HasLogin);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Users.CreateAsync(new NewUser("twin@agentconsole.demo", "Twin", ConsoleRoles.Agent, linked.Id, Password), TestActors.Admin));

        Assert.Contains("already works as that agent", error.Message);
    }

    [Fact]
    public async Task ChangesTheRoleInPlaceOfTheOldOne()
    {
        var user = await Users.CreateAsync(new NewUser("promoted@agentconsole.demo", "Promoted", ConsoleRoles.Supervisor, null, Password), TestActors.Admin);

        var changed = await Users.ChangeRoleAsync(user.Id, ConsoleRoles.Admin, null, by: TestActors.Named("someone-else"));

        Assert.Equal(ConsoleRoles.Admin, changed.Role);
        await using var db = Factory.CreateDbContext();
        Assert.Equal(1, await db.UserRoles.CountAsync(r => r.UserId == user.Id));
    }

    [Fact]
    public async Task ALockedUserCannotSignInUntilUnlocked()
    {
        var user = await Users.CreateAsync(new NewUser("locked@agentconsole.demo", "Locked", ConsoleRoles.Supervisor, null, Password), TestActors.Admin);

        var locked = await Users.LockAsync(user.Id, by: TestActors.Named("someone-else"));
        using var refusedClient = CookieLogin.Client(Factory);
        using var refused = await CookieLogin.PostAsync(refusedClient, "locked@agentconsole.demo", Password);
        var unlocked = await Users.UnlockAsync(user.Id, TestActors.Admin);

        Assert.True(locked.IsLockedOut);
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.False(unlocked.IsLockedOut);
        using var client = await CookieLogin.SignInAsync(Factory, "locked@agentconsole.demo", Password);
    }

    [Fact]
    public async Task TheLastAdminCannotBeDemotedOrLockedAndNoAdminCanLockThemself()
    {
        var admin = (await Users.ListAsync()).Single(u => u.Email == DemoUsers.AdminEmail);

        var demote = await Assert.ThrowsAsync<DomainException>(() => Users.ChangeRoleAsync(admin.Id, ConsoleRoles.Supervisor, null, TestActors.Named("someone-else")));
        var lockOut = await Assert.ThrowsAsync<DomainException>(() => Users.LockAsync(admin.Id, TestActors.Named("someone-else")));
        var self = await Assert.ThrowsAsync<DomainException>(() => Users.LockAsync(admin.Id, TestActors.Named(admin.Id)));

        Assert.Contains("last admin", demote.Message);
        Assert.Contains("last admin", lockOut.Message);
        Assert.Contains("lock yourself", self.Message);
        Assert.Equal(ConsoleRoles.Admin, (await Users.ListAsync()).Single(u => u.Id == admin.Id).Role);
    }

    private async Task<AgentChoice> UnlinkedAgentAsync()
    {
        var agents = await Users.AgentsAsync();
        var free = agents.FirstOrDefault(a => !a.HasLogin);
        if (free is not null) return free;
        // Every demo agent has a login; free one by making its login a supervisor without an agent record.
        var user = (await Users.ListAsync()).First(u => u.AgentId is not null && u.Role == ConsoleRoles.Agent);
        await Users.ChangeRoleAsync(user.Id, ConsoleRoles.Supervisor, null, TestActors.Named("someone-else"));
        return (await Users.AgentsAsync()).Single(a => a.Id == user.AgentId);
    }
}
