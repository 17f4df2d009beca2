using AgentConsole.Tests.Support;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AgentConsole.Core.Integrations;
using AgentConsole.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Admin;

public sealed class IntegrationAdminTests : ApiTestBase
{
    private IntegrationAdmin Integrations => Factory.Services.GetRequiredService<IntegrationAdmin>();

    [Fact]
    public async Task CreateGivesTheKeyOnceAndStoresOnlyItsHash()
    {
        var created = await Integrations.CreateAsync("  Web chat bot ", "https://bot.example.com/handoff", TestActors.Admin);

        Assert.StartsWith("ac_", created.ApiKey);
        Assert.Equal("Web chat bot", created.Integration.Name);
        Assert.Equal(created.ApiKey[..8] + "…", created.Integration.KeyHint);
        await using var db = Factory.CreateDbContext();
        var stored = await db.Integrations.SingleAsync(i => i.Id == created.Integration.Id);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(created.ApiKey)), stored.ApiKeyHash);
        Assert.Equal("https://bot.example.com/handoff", stored.CallbackUrl);
        // Nothing that is listed later can carry the key.
        Assert.DoesNotContain(typeof(IntegrationSummary).GetProperties(), p => p.Name.Contains("Key") && p.Name != nameof(IntegrationSummary.KeyHint));
        Assert.Contains(await Integrations.ListAsync(), i => i.Id == created.Integration.Id && i.IsActive);
    }

    [Fact]
    public async Task NewKeyWorksAtOnceAndARevokedKeyIsRefusedAtOnce()
    {
        var created = await Integrations.CreateAsync("Mobile bot", null, TestActors.Admin);
        using var bot = Factory.CreateBotClient(created.ApiKey);
        using var accepted = await PostEventsAsync("conv-mobile", Batch(CustomerMessage("e1", "hello")), bot);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var revoked = await Integrations.RevokeAsync(created.Integration.Id, TestActors.Admin);
        using var refused = await PostEventsAsync("conv-mobile", Batch(CustomerMessage("e2", "hello again", 5)), bot);

        Assert.False(revoked.IsActive);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("The API key is not valid.", (await ReadJsonAsync(refused)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/handoff")]
    [InlineData("bot.example.com/handoff")]
    [InlineData("ftp://bot.example.com/handoff")]
    [InlineData("javascript:alert(1)")]
    public async Task RefusesACallbackUrlThatIsNotAnAbsoluteHttpUrl(string url)
    {
        var created = await Integrations.CreateAsync("Web chat bot", null, TestActors.Admin);

        var error = await Assert.ThrowsAsync<DomainException>(() => Integrations.SetCallbackUrlAsync(created.Integration.Id, url, TestActors.Admin));
        var createError = await Assert.ThrowsAsync<DomainException>(() => Integrations.CreateAsync("Another bot", url, TestActors.Admin));

        Assert.Contains("absolute http or https URL", error.Message);
        Assert.Contains("absolute http or https URL", createError.Message);
        Assert.DoesNotContain(await Integrations.ListAsync(), i => i.Name == "Another bot");
    }

    [Fact]
    public async Task SetsAndClearsTheCallbackUrl()
    {
        var created = await Integrations.CreateAsync("Web chat bot", null, TestActors.Admin);

        var set = await Integrations.SetCallbackUrlAsync(created.Integration.Id, " http://localhost:8080/hook ", TestActors.Admin);
        var cleared = await Integrations.SetCallbackUrlAsync(created.Integration.Id, "  ", TestActors.Admin);

        Assert.Equal("http://localhost:8080/hook", set.Integration.CallbackUrl);
        Assert.Null(cleared.Integration.CallbackUrl);
    }

    [Fact]
    public async Task RefusesABlankOrTakenName()
    {
        await Integrations.CreateAsync("Web chat bot", null, TestActors.Admin);

        await Assert.ThrowsAsync<DomainException>(() => Integrations.CreateAsync("  ", null, TestActors.Admin));
        var taken = await Assert.ThrowsAsync<DomainException>(() => Integrations.CreateAsync("web chat BOT", null, TestActors.Admin));

        Assert.Contains("already exists", taken.Message);
    }
}
