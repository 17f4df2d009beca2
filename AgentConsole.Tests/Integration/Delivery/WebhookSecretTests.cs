using AgentConsole.Tests.Support;
using AgentConsole.Core.Common;
using AgentConsole.Core.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Delivery;

/// <summary>The webhook secret: made with the first callback URL, shown once, kept so it can sign, replaced on rotation.</summary>
public sealed class WebhookSecretTests : ApiTestBase
{
    private IntegrationAdmin Integrations => Factory.Services.GetRequiredService<IntegrationAdmin>();

    [Fact]
    public async Task TheFirstCallbackUrlMakesTheSecretAndANewUrlKeepsIt()
    {
        var created = await Integrations.CreateAsync("Web chat bot", null, TestActors.Admin);

        var first = await Integrations.SetCallbackUrlAsync(created.Integration.Id, "https://bot.example.com/hook", TestActors.Admin);
        var moved = await Integrations.SetCallbackUrlAsync(created.Integration.Id, "https://bot.example.com/v2/hook", TestActors.Admin);

        Assert.Null(created.WebhookSecret);
        Assert.StartsWith("whsec_", first.NewWebhookSecret);
        Assert.True(first.Integration.HasWebhookSecret);
        Assert.Null(moved.NewWebhookSecret);
        await using var db = Factory.CreateDbContext();
        Assert.Equal(first.NewWebhookSecret, (await db.Integrations.SingleAsync(i => i.Id == created.Integration.Id)).WebhookSecret);
    }

    [Fact]
    public async Task CreatingWithACallbackUrlGivesTheSecretOnceAndRotatingReplacesIt()
    {
        var created = await Integrations.CreateAsync("Web chat bot", "https://bot.example.com/hook", TestActors.Admin);

        var rotated = await Integrations.RotateWebhookSecretAsync(created.Integration.Id, TestActors.Admin);

        Assert.StartsWith("whsec_", created.WebhookSecret);
        Assert.StartsWith("whsec_", rotated.WebhookSecret);
        Assert.NotEqual(created.WebhookSecret, rotated.WebhookSecret);
        // Nothing listed carries the secret.
        Assert.DoesNotContain(typeof(IntegrationSummary).GetProperties(), p => p.PropertyType == typeof(string) && p.Name.Contains("Secret"));
        await using var db = Factory.CreateDbContext();
        Assert.Equal(rotated.WebhookSecret, (await db.Integrations.SingleAsync(i => i.Id == created.Integration.Id)).WebhookSecret);
    }

    [Fact]
    public async Task ASecretNeedsACallbackUrl()
    {
        var created = await Integrations.CreateAsync("Pulling bot", null, TestActors.Admin);

        var error = await Assert.ThrowsAsync<DomainException>(() => Integrations.RotateWebhookSecretAsync(created.Integration.Id, TestActors.Admin));

        Assert.Contains("callback URL", error.Message);
    }
}
