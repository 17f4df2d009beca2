using Microsoft.AspNetCore.Components;
using AgentConsole.Tests.Support;
using AgentConsole.Components.Pages.Admin.Integrations;
using AgentConsole.Core.Integrations;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Components.Admin;

public sealed class IntegrationsPageTests : AdminPageTestBase
{
    [Fact]
    public async Task ShowsTheNewKeyOnceAndOnlyItsHintAfterwards()
    {
        var page = Render<IntegrationsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=integration-row]")), Slow);

        await page.Find("input[data-testid=integration-name]").InputAsync(new ChangeEventArgs { Value = "Web chat bot" });
        await page.Find("input[data-testid=integration-callback]").InputAsync(new ChangeEventArgs { Value = "https://bot.example.com/handoff" });
        page.Find("[data-testid=create-integration]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("ac_", page.Find("input[data-testid=new-key]").GetAttribute("value")), Slow);
        var key = page.Find("input[data-testid=new-key]").GetAttribute("value")!;
        await using (var db = Factory.CreateDbContext())
        {
            var stored = await db.Integrations.SingleAsync(i => i.Name == "Web chat bot");
            Assert.Equal(ApiKeys.Hash(key), stored.ApiKeyHash);
        }

        await page.Find("[data-testid=copy-key]").ClickAsync(new());
        JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        page.Find("[data-testid=dismiss-key]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=new-key-notice]")));
        Assert.DoesNotContain(key, page.Markup);
        Assert.Contains(ApiKeys.Hint(key), page.Markup);
    }

    [Fact]
    public async Task ARelativeCallbackUrlIsRefusedWithAMessage()
    {
        var page = Render<IntegrationsPage>();

        await page.Find("input[data-testid=integration-name]").InputAsync(new ChangeEventArgs { Value = "Web chat bot" });
        await page.Find("input[data-testid=integration-callback]").InputAsync(new ChangeEventArgs { Value = "/handoff" });
        page.Find("[data-testid=create-integration]").Click();

        page.WaitForAssertion(() => Assert.Contains("absolute http or https URL", page.Find("[data-testid=integration-error]").TextContent), Slow);
        Assert.Empty(page.FindAll("[data-testid=new-key-notice]"));
    }

    [Fact]
    public async Task RevokingAsksFirstThenMarksTheKeyRevoked()
    {
        var created = await Factory.Services.GetRequiredService<IntegrationAdmin>().CreateAsync("Old bot", null, TestActors.Admin);
        var row = Render<IntegrationRow>(p => p.Add(r => r.Integration, created.Integration));

        await row.Find("[data-testid=revoke]").ClickAsync(new());
        row.Find("[data-testid=confirm-revoke]").Click();

        await row.WaitForAssertionAsync(async () =>
        {
            await using var db = Factory.CreateDbContext();
            Assert.NotNull((await db.Integrations.SingleAsync(i => i.Id == created.Integration.Id)).RevokedAt);
        }, Slow);
    }

    [Fact]
    public async Task EditsTheCallbackUrlInPlace()
    {
        var created = await Factory.Services.GetRequiredService<IntegrationAdmin>().CreateAsync("Web chat bot", null, TestActors.Admin);
        var row = Render<IntegrationRow>(p => p.Add(r => r.Integration, created.Integration));

        await row.Find("[data-testid=edit-callback]").ClickAsync(new());
        await row.Find("input[data-testid=callback-input]").InputAsync(new ChangeEventArgs { Value = "ftp://bot.example.com" });
        row.Find("[data-testid=save-callback]").Click();
        row.WaitForAssertion(() => Assert.Contains("absolute http or https URL", row.Find("[data-testid=row-error]").TextContent), Slow);
        await row.Find("input[data-testid=callback-input]").InputAsync(new ChangeEventArgs { Value = "https://bot.example.com/hook" });
        row.Find("[data-testid=save-callback]").Click();

        row.WaitForAssertion(() => Assert.Empty(row.FindAll("[data-testid=callback-input]")), Slow);
        var listed = await Factory.Services.GetRequiredService<IntegrationAdmin>().ListAsync();
        Assert.Equal("https://bot.example.com/hook", listed.Single(i => i.Id == created.Integration.Id).CallbackUrl);
    }
}

public sealed class IntegrationWebhookPageTests : AdminPageTestBase
{
    [Fact]
    public async Task SavingTheFirstCallbackUrlShowsTheWebhookSecretOnce()
    {
        var created = await Factory.Services.GetRequiredService<IntegrationAdmin>().CreateAsync("Web chat bot", null, TestActors.Admin);
        var page = Render<IntegrationsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=integration-row]")), Slow);

        var row = page.FindComponents<IntegrationRow>().Single(r => r.Instance.Integration.Id == created.Integration.Id);
        await row.Find("[data-testid=edit-callback]").ClickAsync(new());
        await row.Find("input[data-testid=callback-input]").InputAsync(new ChangeEventArgs { Value = "https://bot.example.com/hook" });
        row.Find("[data-testid=save-callback]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("whsec_", page.Find("input[data-testid=new-secret]").GetAttribute("value")), Slow);
        var secret = page.Find("input[data-testid=new-secret]").GetAttribute("value")!;
        await using (var db = Factory.CreateDbContext())
            Assert.Equal(secret, (await db.Integrations.SingleAsync(i => i.Id == created.Integration.Id)).WebhookSecret);
        page.Find("[data-testid=dismiss-secret]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=new-secret-notice]")));
        Assert.DoesNotContain(secret, page.Markup);
    }

    [Fact]
    public async Task ListsParkedWebhooksAndRetriesOne()
    {
        long parkedId;
        await using (var db = Factory.CreateDbContext())
        {
            var conversation = await db.Conversations.FirstAsync(c => c.ExternalId == "demo-conv-1001");
            var row = new AgentConsole.Core.Delivery.OutboundEvent(conversation.IntegrationId, conversation.Id, conversation.ExternalId,
                AgentConsole.Core.Delivery.OutboundEventTypes.CaseResolved, """{"caseId":1,"csatRequested":true}""", AgentConsole.Tests.Integration.AgentConsoleFactory.Start.UtcDateTime, push: true);
            row.MarkFailed("The receiver answered 503 Service Unavailable.", AgentConsole.Tests.Integration.AgentConsoleFactory.Start.UtcDateTime, AgentConsole.Tests.Integration.AgentConsoleFactory.Start.UtcDateTime, TimeSpan.Zero);
            db.OutboundEvents.Add(row);
            await db.SaveChangesAsync();
            parkedId = row.Id;
        }
        var page = Render<ParkedDeliveries>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=parked-delivery]")), Slow);
        Assert.Contains("503 Service Unavailable", page.Find("[data-testid=parked-delivery]").TextContent);
        Assert.Contains("demo-conv-1001", page.Find("[data-testid=parked-delivery]").TextContent);

        page.Find("[data-testid=retry-delivery]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-parked]")), Slow);
        await using var check = Factory.CreateDbContext();
        var retried = await check.OutboundEvents.SingleAsync(e => e.Id == parkedId);
        Assert.Null(retried.ParkedAt);
    }
}
