using System.Net;
using System.Text.Json;
using AgentConsole.Core.Delivery;
using AgentConsole.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Delivery;

/// <summary>The pull API: a conversation's events after a cursor, with long polling, for the integration's own conversations only.</summary>
public sealed class EventFeedTests : DeliveryTestBase
{
    [Fact]
    public async Task PagesThroughTheConversationsEventsWithTheCursor()
    {
        // Arrange: a bot without a callback URL, whose case is escalated, assigned and answered.
        using var bot = await CreateBotAsync(null, "Pulling bot");
        var caseId = await EscalateAsync(bot, "pull-1");
        var priya = await AssignAsync(caseId);
        await Engine.ReplyAsync(caseId, "On it.", priya);
        var rows = await RowsAsync("pull-1");

        // Act
        var first = await GetAsync(bot, "pull-1?limit=2");
        var rest = await GetAsync(bot, $"pull-1?after={first.GetProperty("cursor").GetInt64()}");
        var none = await GetAsync(bot, $"pull-1?after={rest.GetProperty("cursor").GetInt64()}");

        // Assert
        var firstEvents = first.GetProperty("events").EnumerateArray().ToList();
        var restEvents = rest.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(2, firstEvents.Count);
        Assert.Equal(rows.Select(r => r.DeliveryId.ToString()), firstEvents.Concat(restEvents).Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(rows[1].Id, first.GetProperty("cursor").GetInt64());
        Assert.Equal(rows[^1].Id, rest.GetProperty("cursor").GetInt64());
        Assert.Empty(none.GetProperty("events").EnumerateArray());
        Assert.Equal(rows[^1].Id, none.GetProperty("cursor").GetInt64());
        var escalated = firstEvents[0];
        Assert.Equal((OutboundEventTypes.CaseEscalated, "pull-1", caseId), (escalated.GetProperty("type").GetString(),
            escalated.GetProperty("conversationId").GetString(), escalated.GetProperty("data").GetProperty("caseId").GetInt64()));
        Assert.Equal("On it.", restEvents[^1].GetProperty("data").GetProperty("text").GetString());
    }

    [Fact]
    public async Task ALongPollReturnsAsSoonAsAnEventArrives()
    {
        // Arrange: a conversation read to its end, and a poll waiting for more.
        using var bot = await CreateBotAsync(null, "Pulling bot");
        var caseId = await EscalateAsync(bot, "pull-2");
        var cursor = (await GetAsync(bot, "pull-2")).GetProperty("cursor").GetInt64();
        var signal = Factory.Services.GetRequiredService<OutboxSignal>();
        var poll = bot.Client.GetAsync($"/api/v1/conversations/pull-2/events?after={cursor}&waitSeconds=30");
        await Eventually.HoldsAsync(() => signal.ListenerCount == 1, Generous, "the poll to wait");

        // Act: the fake clock stands still, so only the new event can end the wait.
        await AssignAsync(caseId);

        // Assert
        using var response = await poll.WaitAsync(Generous);
        var page = await ReadJsonAsync(response);
        var assigned = Assert.Single(page.GetProperty("events").EnumerateArray());
        Assert.Equal(OutboundEventTypes.CaseAssigned, assigned.GetProperty("type").GetString());
        Assert.Equal(assigned.GetProperty("sequence").GetInt64(), page.GetProperty("cursor").GetInt64());
        Assert.Equal(0, signal.ListenerCount);
    }

    [Fact]
    public async Task ALongPollWithNothingNewReturnsEmptyWhenItsWaitRunsOut()
    {
        // Arrange
        using var bot = await CreateBotAsync(null, "Pulling bot");
        await EscalateAsync(bot, "pull-3");
        var cursor = (await GetAsync(bot, "pull-3")).GetProperty("cursor").GetInt64();
        var signal = Factory.Services.GetRequiredService<OutboxSignal>();
        var poll = bot.Client.GetAsync($"/api/v1/conversations/pull-3/events?after={cursor}&waitSeconds=5");
        await Eventually.HoldsAsync(() => signal.ListenerCount == 1, Generous, "the poll to wait");

        // Act: the clock moves on until the wait runs out (the poll arms its timer just after it starts listening).
        await Eventually.HoldsAsync(() => poll.IsCompleted, Generous, "the poll's wait to run out", tick: () => Factory.Clock.Advance(TimeSpan.FromSeconds(1)));

        // Assert
        var page = await ReadJsonAsync(await poll);
        Assert.Empty(page.GetProperty("events").EnumerateArray());
        Assert.Equal(cursor, page.GetProperty("cursor").GetInt64());
    }

    [Fact]
    public async Task AnotherIntegrationsConversationAndAnUnknownOneAreNotFound()
    {
        using var owner = await CreateBotAsync(null, "Owner bot");
        using var other = await CreateBotAsync(null, "Other bot");
        await EscalateAsync(owner, "pull-private");

        using var foreign = await other.Client.GetAsync("/api/v1/conversations/pull-private/events");
        using var unknown = await owner.Client.GetAsync("/api/v1/conversations/no-such-conversation/events");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(404, (await ReadJsonAsync(foreign)).GetProperty("status").GetInt32());
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("waitSeconds=31", "waitSeconds")]
    [InlineData("waitSeconds=-1", "waitSeconds")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    public async Task AQueryOutOfRangeGets400WithTheFieldNamed(string query, string field)
    {
        using var bot = await CreateBotAsync(null, "Pulling bot");
        await EscalateAsync(bot, "pull-bad");

        using var response = await bot.Client.GetAsync($"/api/v1/conversations/pull-bad/events?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("after=abc")]
    [InlineData("waitSeconds=soon")]
    public async Task AQueryThatIsNotANumberGets400ProblemDetails(string query)
    {
        using var response = await Bot.GetAsync($"/api/v1/conversations/demo-conv-1001/events?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WithoutAKeyTheFeedIsRefused()
    {
        using var anonymous = Factory.CreateClient();

        using var response = await anonymous.GetAsync("/api/v1/conversations/demo-conv-1001/events");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonElement> GetAsync(TestBot bot, string conversationAndQuery)
    {
        using var response = await bot.Client.GetAsync($"/api/v1/conversations/{conversationAndQuery.Replace("?", "/events?", StringComparison.Ordinal)}"
            + (conversationAndQuery.Contains('?', StringComparison.Ordinal) ? "" : "/events"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }
}

/// <summary>The OpenAPI document describes the pull API as the other bot endpoints are described.</summary>
public sealed class EventFeedOpenApiTests : ApiTestBase
{
    [Fact]
    public async Task TheDocumentDescribesTheFeedItsQueryAndItsPage()
    {
        using var client = Factory.CreateClient();

        var document = await ReadJsonAsync(await client.GetAsync("/openapi/v1.json"));

        var get = document.GetProperty("paths").GetProperty("/api/v1/conversations/{externalId}/events").GetProperty("get");
        Assert.Equal("GetConversationEvents", get.GetProperty("operationId").GetString());
        Assert.Equal(["after", "externalId", "limit", "waitSeconds"], get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
        Assert.True(get.GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(get.GetProperty("responses").TryGetProperty("400", out _));
        var page = document.GetProperty("components").GetProperty("schemas").GetProperty("EventPage").GetProperty("properties");
        Assert.True(page.TryGetProperty("events", out _));
        Assert.True(page.TryGetProperty("cursor", out _));
    }
}
