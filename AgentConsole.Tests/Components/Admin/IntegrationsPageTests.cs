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

        page.Find("input[data-testid=integration-name]").Input("Web chat bot");
        page.Find("input[data-testid=integration-callback]").Input("https://bot.example.com/handoff");
        page.Find("[data-testid=create-integration]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("ac_", page.Find("input[data-testid=new-key]").GetAttribute("value")), Slow);
        var key = page.Find("input[data-testid=new-key]").GetAttribute("value")!;
        await using (var db = Factory.CreateDbContext())
        {
            var stored = await db.Integrations.SingleAsync(i => i.Name == "Web chat bot");
            Assert.Equal(ApiKeys.Hash(key), stored.ApiKeyHash);
        }

        page.Find("[data-testid=copy-key]").Click();
        JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        page.Find("[data-testid=dismiss-key]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=new-key-notice]")));
        Assert.DoesNotContain(key, page.Markup);
        Assert.Contains(ApiKeys.Hint(key), page.Markup);
    }

    [Fact]
    public void ARelativeCallbackUrlIsRefusedWithAMessage()
    {
        var page = Render<IntegrationsPage>();

        page.Find("input[data-testid=integration-name]").Input("Web chat bot");
        page.Find("input[data-testid=integration-callback]").Input("/handoff");
        page.Find("[data-testid=create-integration]").Click();

        page.WaitForAssertion(() => Assert.Contains("absolute http or https URL", page.Find("[data-testid=integration-error]").TextContent), Slow);
        Assert.Empty(page.FindAll("[data-testid=new-key-notice]"));
    }

    [Fact]
    public async Task RevokingAsksFirstThenMarksTheKeyRevoked()
    {
        var created = await Factory.Services.GetRequiredService<IntegrationAdmin>().CreateAsync("Old bot", null);
        var row = Render<IntegrationRow>(p => p.Add(r => r.Integration, created.Integration));

        row.Find("[data-testid=revoke]").Click();
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
        var created = await Factory.Services.GetRequiredService<IntegrationAdmin>().CreateAsync("Web chat bot", null);
        var row = Render<IntegrationRow>(p => p.Add(r => r.Integration, created.Integration));

        row.Find("[data-testid=edit-callback]").Click();
        row.Find("input[data-testid=callback-input]").Input("ftp://bot.example.com");
        row.Find("[data-testid=save-callback]").Click();
        row.WaitForAssertion(() => Assert.Contains("absolute http or https URL", row.Find("[data-testid=row-error]").TextContent), Slow);
        row.Find("input[data-testid=callback-input]").Input("https://bot.example.com/hook");
        row.Find("[data-testid=save-callback]").Click();

        row.WaitForAssertion(() => Assert.Empty(row.FindAll("[data-testid=callback-input]")), Slow);
        var listed = await Factory.Services.GetRequiredService<IntegrationAdmin>().ListAsync();
        Assert.Equal("https://bot.example.com/hook", listed.Single(i => i.Id == created.Integration.Id).CallbackUrl);
    }
}
