using AgentConsole.Components.Pages.Admin.Audit;
using AgentConsole.Core.Audit;
using AgentConsole.Tests.Support;
using Bunit;
using MudBlazor;

namespace AgentConsole.Tests.Components.Admin;

public sealed class AuditPageTests : AdminPageTestBase
{
    private DateTime Now => Factory.Clock.GetUtcNow().UtcDateTime;

    private async Task SeedAsync()
    {
        await using var db = Factory.CreateDbContext();
        AuditTrail.Record(db, TestActors.Admin, AuditActions.UserLocked, "first@example.com", null, Now);
        AuditTrail.Record(db, TestActors.Named("other.admin@agentconsole.demo"), AuditActions.ExampleAdded, "example 7", new { text = "<script>alert(1)</script>" }, Now.AddMinutes(1));
        AuditTrail.Record(db, TestActors.Admin, AuditActions.UserUnlocked, "first@example.com", null, Now.AddMinutes(2));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task ShowsTheNewestEntryFirstWithWhoAndWhat()
    {
        await SeedAsync();

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(
            [AuditActions.UserUnlocked, AuditActions.ExampleAdded, AuditActions.UserLocked],
            page.FindAll("[data-testid=audit-row-action]").Select(c => c.TextContent)), Slow);
        Assert.Equal([TestActors.Admin.Name, "other.admin@agentconsole.demo", TestActors.Admin.Name], page.FindAll("[data-testid=audit-actor-name]").Select(c => c.TextContent));
        // Details are text, never markup.
        Assert.Empty(page.FindAll("script"));
    }

    [Fact]
    public async Task FilteringByActionShowsOnlyThatActionAndTheExportLinkCarriesTheFilter()
    {
        await SeedAsync();
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=audit-row-action]").Count), Slow);

        await page.DispatchAsync(() => page.FindComponents<MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync(AuditActions.UserLocked));

        page.WaitForAssertion(() => Assert.Equal([AuditActions.UserLocked], page.FindAll("[data-testid=audit-row-action]").Select(c => c.TextContent)), Slow);
        Assert.EndsWith("/admin/audit/export?action=user.locked", page.Find("[data-testid=audit-export]").GetAttribute("href"));
    }
}
