using Microsoft.AspNetCore.Components;
using AgentConsole.Components.Pages.Admin.Users;
using AgentConsole.Core.Identity;
using AgentConsole.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Components.Admin;

public sealed class UsersPageTests : AdminPageTestBase
{
    private UserAdmin Users => Factory.Services.GetRequiredService<UserAdmin>();

    [Fact]
    public async Task AWeakPasswordIsRefusedWithThePolicyMessage()
    {
        var form = Render<NewUserForm>(p => p.Add(f => f.Agents, []));
        await FillIn(form, "nina@agentconsole.demo", "Nina Berg", "weak");
        await form.DispatchAsync(() => form.FindComponent<RolePicker>().Instance.ValueChanged.InvokeAsync(ConsoleRoles.Supervisor));

        form.Find("[data-testid=create-user]").Click();

        form.WaitForAssertion(() => Assert.Contains("at least 10 characters", form.Find("[data-testid=user-error]").TextContent), Slow);
        Assert.DoesNotContain(await Users.ListAsync(), u => u.Email == "nina@agentconsole.demo");
    }

    [Fact]
    public async Task AnAgentWithoutAnAgentRecordIsRefused()
    {
        var form = Render<NewUserForm>(p => p.Add(f => f.Agents, []));
        await FillIn(form, "nina@agentconsole.demo", "Nina Berg", "Strong-Pass-2026!");

        form.Find("[data-testid=create-user]").Click();

        form.WaitForAssertion(() => Assert.Contains("must be linked to an agent record", form.Find("[data-testid=user-error]").TextContent), Slow);
    }

    [Fact]
    public async Task ACreatedUserIsListedWithTheirRole()
    {
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=user-row]")), Slow);
        var form = page.FindComponent<NewUserForm>();
        await FillIn(form, "nina@agentconsole.demo", "Nina Berg", "Strong-Pass-2026!");
        await form.DispatchAsync(() => form.FindComponent<RolePicker>().Instance.ValueChanged.InvokeAsync(ConsoleRoles.Supervisor));

        page.Find("[data-testid=create-user]").Click();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=user-row]"), r => r.TextContent.Contains("nina@agentconsole.demo") && r.TextContent.Contains(ConsoleRoles.Supervisor)), Slow);
        Assert.Contains("Created nina@agentconsole.demo", page.Find("[data-testid=user-created]").TextContent);
    }

    [Fact]
    public async Task LockingAndUnlockingShowsInTheRow()
    {
        var user = await Users.CreateAsync(new NewUser("nina@agentconsole.demo", "Nina Berg", ConsoleRoles.Supervisor, null, "Strong-Pass-2026!"), TestActors.Admin);
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=user-row]")), Slow);
        var row = page.FindComponents<UserRow>().Single(r => r.Instance.User.Id == user.Id);

        row.Find("[data-testid=lock]").Click();
        // The row shows "locked" as soon as the page reloads its list, while the lock's handler is still
        // finishing and its buttons are still disabled: a click then is dropped, as a person's would be.
        row.WaitForAssertion(() =>
        {
            Assert.Contains("locked", row.Find("[data-testid=user-status]").TextContent);
            Assert.False(row.Find("[data-testid=unlock]").HasAttribute("disabled"));
        }, Slow);
        row.Find("[data-testid=unlock]").Click();

        row.WaitForAssertion(() => Assert.Contains("active", row.Find("[data-testid=user-status]").TextContent), Slow);
        Assert.False((await Users.ListAsync()).Single(u => u.Id == user.Id).IsLockedOut);
    }

    [Fact]
    public async Task ChangingTheRoleAppliesIt()
    {
        var user = await Users.CreateAsync(new NewUser("nina@agentconsole.demo", "Nina Berg", ConsoleRoles.Supervisor, null, "Strong-Pass-2026!"), TestActors.Admin);
        var row = Render<UserRow>(p => p.Add(r => r.User, user).Add(r => r.Agents, []));

        await row.Find("[data-testid=change-role]").ClickAsync(new());
        await row.DispatchAsync(() => row.FindComponent<RolePicker>().Instance.ValueChanged.InvokeAsync(ConsoleRoles.Admin));
        row.Find("[data-testid=apply-role]").Click();

        await row.WaitForAssertionAsync(async () => Assert.Equal(ConsoleRoles.Admin, (await Users.ListAsync()).Single(u => u.Id == user.Id).Role), Slow);
    }

    private static async Task FillIn<T>(IRenderedComponent<T> form, string email, string name, string password) where T : Microsoft.AspNetCore.Components.IComponent
    {
        await form.Find("input[data-testid=user-email]").InputAsync(new ChangeEventArgs { Value = email });
        await form.Find("input[data-testid=user-name]").InputAsync(new ChangeEventArgs { Value = name });
        await form.Find("input[data-testid=user-password]").InputAsync(new ChangeEventArgs { Value = password });
    }
}
