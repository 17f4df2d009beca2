using Microsoft.AspNetCore.Components;
using AgentConsole.Components.Pages.Admin.Privacy;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Privacy;
using AgentConsole.Hosting;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Components.Admin;

public sealed class PrivacyPageTests : AdminPageTestBase
{
    [Fact]
    public async Task ErasesACustomerOnlyAfterConfirmationAndListsTheErasure()
    {
        // Arrange
        await Factory.Services.GetRequiredService<ConversationIngestor>()
            .UpsertCustomerAsync("cus-privacy", new CustomerProfile { Name = "Quinn Harper", Email = "quinn@harper.example" });
        var page = Render<PrivacyPage>();
        await page.Find("input[data-testid=customer-search]").InputAsync(new ChangeEventArgs { Value = "harper" });
        page.Find("[data-testid=search-customers]").Click();
        page.WaitForAssertion(() => Assert.Contains("Quinn Harper", page.Find("[data-testid=customer-row]").TextContent), Slow);

        // Act: the first click only asks; the confirmation erases.
        await page.Find("[data-testid=erase]").ClickAsync(new());
        Assert.Contains("for good", page.Find("[data-testid=erase-warning]").TextContent);
        await using (var before = Factory.CreateDbContext())
            Assert.True(await before.Customers.AnyAsync(c => c.ExternalId == "cus-privacy"));
        await page.Find("[data-testid=confirm-erase]").ClickAsync(new());

        // Assert
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-customers]")), Slow);
        page.WaitForAssertion(() => Assert.Contains($"user:{DemoUsers.AdminEmail}", page.Find("[data-testid=erasure-row]").TextContent), Slow);
        await using var db = Factory.CreateDbContext();
        Assert.False(await db.Customers.AnyAsync(c => c.Name == "Quinn Harper" || c.ExternalId == "cus-privacy"));
        Assert.Equal(ErasureKind.Customer, (await db.Erasures.SingleAsync()).Kind);
    }

    [Fact]
    public async Task ACustomerWithAnOpenCaseCannotBeErasedFromThePage()
    {
        string externalId;
        await using (var db = Factory.CreateDbContext())
        {
            externalId = await db.Cases.Where(c => c.Status != CaseStatus.Resolved && c.Conversation!.CustomerId != null)
                .Select(c => c.Conversation!.Customer!.ExternalId).FirstAsync();
        }
        var page = Render<PrivacyPage>();
        await page.Find("input[data-testid=customer-search]").InputAsync(new ChangeEventArgs { Value = externalId });
        page.Find("[data-testid=search-customers]").Click();

        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=erase]").HasAttribute("disabled")), Slow);
    }
}
