using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration;

/// <summary>Every kind of bad input gets a clear 4xx with problem details naming the field, and stores nothing.</summary>
public sealed class BadInputTests : ApiTestBase
{
    private const string Conversation = "conv-bad-input";

    public static TheoryData<string, string, string> InvalidBatches => new()
    {
        // body, the field the problem must name, a phrase the message must contain
        { """{"events":[{"id":"e1","type":"customer.complaint","at":"2026-03-14T09:00:00Z","text":"hi"}]}""", "events[0].type", "Unknown event type" },
        { """{"events":[{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:00Z"}]}""", "events[0].text", "required" },
        { """{"events":[{"type":"customer.message","at":"2026-03-14T09:00:00Z","text":"hi"}]}""", "events[0].id", "required" },
        { """{"events":[{"id":"e1","type":"customer.message","text":"hi"}]}""", "events[0].at", "required" },
        { """{"events":[{"id":"e1","type":"customer.message","at":"14/03/2026 09:00","text":"hi"}]}""", "events[0].at", "ISO 8601" },
        { """{"events":[{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:00","text":"hi"}]}""", "events[0].at", "offset" },
        { """{"events":[{"id":"e1","type":"customer.message","at":"2026-03-15T09:00:00Z","text":"hi"}]}""", "events[0].at", "future" },
        { """{"events":[{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:00Z","text":42}]}""", "events[0].text", "string" },
        { """{"events":[{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:00Z","text":"   "}]}""", "events[0].text", "empty" },
        { """{"events":[{"id":"e1","type":"bot.message","at":"2026-03-14T09:00:00Z","text":"hi","confidence":1.5}]}""", "events[0].confidence", "between 0 and 1" },
        { """{"events":[{"id":"e1","type":"bot.attempted_solution","at":"2026-03-14T09:00:00Z","description":"reset","outcome":"meh"}]}""", "events[0].outcome", "one of" },
        { """{"events":[{"id":"e1","type":"page.viewed","at":"2026-03-14T09:00:00Z","url":"javascript:alert(1)"}]}""", "events[0].url", "http" },
        { """{"events":[{"id":"e1","type":"bot.handoff_requested","at":"2026-03-14T09:00:00Z"}]}""", "events[0].reason", "required" },
        { """{"events":[{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:00Z","text":"a"},{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:01Z","text":"b"}]}""", "events[1].id", "unique" },
        { """{"events":{"id":"e1"}}""", "events", "array" },
        { """{"customer":{"name":"No id"},"events":[]}""", "customer.externalId", "required" },
        { """{"customer":{"externalId":"c1","email":"not-an-email"},"events":[]}""", "customer.email", "email" },
        { """{"customer":{"externalId":"c1","tier":"Platinum"},"events":[]}""", "customer.tier", "Enterprise" },
        { """{"customer":{"externalId":"c1","lastFeedbackScore":9},"events":[]}""", "customer.lastFeedbackScore", "between 1 and 5" },
        { """{"page":{"title":"no url"},"events":[]}""", "page.url", "required" },
        { """{"channel":"web chat!","events":[]}""", "channel", "letters" },
        { """[1,2,3]""", "$", "object" },
    };

    [Theory]
    [MemberData(nameof(InvalidBatches))]
    public async Task InvalidBatchGets400NamingTheFieldAndStoresNothing(string body, string field, string phrase)
    {
        var before = await CountRowsAsync();

        using var response = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ReadJsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for '{field}' in {errors}");
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(phrase, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task TextOverTheLimitGets400()
    {
        var body = Batch(CustomerMessage("e1", new string('x', 4001)));

        using var response = await PostEventsAsync(Conversation, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ReadJsonAsync(response)).GetProperty("errors");
        Assert.Contains("at most 4000 characters", errors.GetProperty("events[0].text")[0].GetString());
        Assert.Equal((0, 0), await CountRowsAsync());
    }

    [Fact]
    public async Task TooManyEventsGets400()
    {
        var events = Enumerable.Range(0, 101).Select(i => CustomerMessage($"e{i}", "hi")).ToArray();

        using var response = await PostEventsAsync(Conversation, Batch(events));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 100 events", (await ReadJsonAsync(response)).GetProperty("errors").GetProperty("events")[0].GetString());
    }

    [Theory]
    [InlineData("""{"events":[""", "Malformed JSON")]
    [InlineData("""{"events":[]} trailing""", "Malformed JSON")]
    [InlineData("", "Malformed JSON")]
    public async Task MalformedJsonGets400(string body, string title)
    {
        using var response = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadJsonAsync(response);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any());
        Assert.Equal((0, 0), await CountRowsAsync());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task NonJsonContentTypeGets415(string contentType)
    {
        using var response = await Bot.PostAsync($"/api/v1/conversations/{Conversation}/events",
            new StringContent("""{"events":[]}""", Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(415, (await ReadJsonAsync(response)).GetProperty("status").GetInt32());
        Assert.Equal((0, 0), await CountRowsAsync());
    }

    [Fact]
    public async Task BodyOver64KilobytesGets413()
    {
        var events = Enumerable.Range(0, 20).Select(i => CustomerMessage($"e{i}", new string('y', 3500))).ToArray();
        var body = Batch(events).ToJsonString();
        Assert.True(Encoding.UTF8.GetByteCount(body) > 64 * 1024);

        using var response = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("65536 bytes", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal((0, 0), await CountRowsAsync());
    }

    [Fact]
    public async Task ChunkedBodyOver64KilobytesGets413()
    {
        var body = Encoding.UTF8.GetBytes(Batch(Enumerable.Range(0, 20).Select(i => CustomerMessage($"e{i}", new string('y', 3500))).ToArray()).ToJsonString());
        var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{Conversation}/events") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Bot.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal((0, 0), await CountRowsAsync());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("semi;colon")]
    public async Task InvalidConversationIdGets400(string externalId)
    {
        using var response = await PostEventsAsync(Uri.EscapeDataString(externalId), Batch(CustomerMessage("e1", "hi")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("externalId", out _));
        Assert.Equal((0, 0), await CountRowsAsync());
    }

    [Fact]
    public async Task OneInvalidEventStoresNoneOfTheBatch()
    {
        var body = Batch(CustomerMessage("e1", "first"), CustomerMessage("e2", "second"), CustomerMessage("e3", "third"));
        body["events"]![1]!["type"] = "customer.shout";

        using var response = await PostEventsAsync(Conversation, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((0, 0), await CountRowsAsync());
    }

    [Fact]
    public async Task ProblemListsEveryBadFieldInOneReply()
    {
        var body = JsonNode.Parse("""{"events":[{"id":"e1","type":"bot.message","at":"yesterday","confidence":"high"},{"type":"nope"}]}""")!;

        using var response = await PostEventsAsync(Conversation, body);

        var errors = (await ReadJsonAsync(response)).GetProperty("errors");
        var fields = errors.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "events[0].at", "events[0].text", "events[0].confidence", "events[1].id", "events[1].at", "events[1].type" }, fields);
    }

    private Task<HttpResponseMessage> PostRawAsync(string body) =>
        Bot.PostAsync($"/api/v1/conversations/{Conversation}/events", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<(int Conversations, int Events)> CountRowsAsync()
    {
        await using var db = Factory.CreateDbContext();
        return (await db.Conversations.CountAsync(c => c.ExternalId == Conversation || c.ExternalId == "has space"),
                await db.InboundEvents.CountAsync());
    }
}
