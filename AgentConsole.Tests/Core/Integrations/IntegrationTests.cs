using AgentConsole.Core.Common;
using AgentConsole.Core.Integrations;
using BotIntegration = AgentConsole.Core.Integrations.Integration;

namespace AgentConsole.Tests.Core.Integrations;

public sealed class IntegrationTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void StoresOnlyTheKeysHashAndAHint()
    {
        var key = ApiKeys.Generate();

        var integration = new BotIntegration("Bot", key, Now);

        Assert.Equal(ApiKeys.Hash(key), integration.ApiKeyHash);
        Assert.Equal(32, integration.ApiKeyHash.Length);
        Assert.Equal(key[..8] + "…", integration.ApiKeyHint);
        Assert.DoesNotContain(key, integration.ApiKeyHint);
    }

    [Fact]
    public void GeneratedKeysAreUniqueAndLong()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => ApiKeys.Generate()).ToHashSet();

        Assert.Equal(100, keys.Count);
        Assert.All(keys, k => Assert.True(k.Length >= 40 && k.StartsWith("ac_")));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("fifteen-chars-x")]
    public void RefusesShortKeys(string key) =>
        Assert.Throws<DomainException>(() => new BotIntegration("Bot", key, Now));

    [Theory]
    [InlineData("ftp://bot.example/callback")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative")]
    public void RefusesCallbackUrlsThatAreNotHttp(string url) =>
        Assert.Throws<DomainException>(() => new BotIntegration("Bot", ApiKeys.Generate(), Now, url));

    [Fact]
    public void RevokingKeepsTheFirstRevocationTime()
    {
        var integration = new BotIntegration("Bot", ApiKeys.Generate(), Now);

        integration.Revoke(Now.AddDays(1));
        integration.Revoke(Now.AddDays(2));

        Assert.False(integration.IsActive);
        Assert.Equal(Now.AddDays(1), integration.RevokedAt);
    }
}
