using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration;

/// <summary>A body that is not UTF-8 JSON text gets 400 problem details naming the problem, and stores nothing.</summary>
public sealed class EncodingTests : ApiTestBase
{
    private const string Conversation = "conv-encoding";

    public static TheoryData<string, byte[]> BadText => new()
    {
        { "invalid UTF-8 in a string value", Body("caf", [0xC3, 0x28], "e") },
        { "invalid UTF-8 in a property name", [.. Encoding.UTF8.GetBytes("""{"ev"""), 0xFF, .. Encoding.UTF8.GetBytes("""ents":[]}""")] },
        { "a truncated multi-byte sequence", Body("price in ", [0xE2, 0x82], "") },
        { "a multi-byte sequence cut off at the end", [.. Encoding.UTF8.GetBytes("""{"events":[]}"""), 0xF0, 0x9F, 0x98] },
        { "an overlong encoding", Body("slash ", [0xC0, 0xAF], "") },
        { "an encoded surrogate", Body("half ", [0xED, 0xA0, 0x80], "") },
        { "a byte order mark", [0xEF, 0xBB, 0xBF, .. Body("hello", [], "")] },
    };

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task BytesThatAreNotUtf8JsonTextGet400AndStoreNothing(string what, byte[] body)
    {
        using var response = await PostAsync(body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("$", out _));
        Assert.Equal((0, 0), await CountRowsAsync());
    }

    [Theory]
    [InlineData("""{"events":[{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:00Z","text":"half \uD800 a pair"}]}""", "events[0].text")]
    [InlineData("""{"events":[{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:00Z","text":"reversed \uDC00\uD800"}]}""", "events[0].text")]
    [InlineData("""{"events":[{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:00Z","te\uD800xt":"hi"}]}""", "events[0]")]
    [InlineData("""{"customer":{"externalId":"c1","name":"\uDFFF"},"events":[]}""", "customer.name")]
    public async Task AnEscapedLoneSurrogateGets400NamingTheField(string body, string field)
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ReadJsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for '{field}' in {errors}");
        Assert.Contains("surrogate", messages[0].GetString());
        Assert.Equal((0, 0), await CountRowsAsync());
    }

    [Fact]
    public async Task AValidSurrogatePairIsText()
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes("""{"events":[{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:00Z","text":"thanks \uD83D\uDE00"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = Factory.CreateDbContext();
        Assert.Equal("thanks \U0001F600", (await db.Messages.SingleAsync(m => m.EventId == "e1")).Text);
    }

    private static byte[] Body(string before, byte[] bad, string after) =>
        [.. Encoding.UTF8.GetBytes($$"""{"events":[{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:00Z","text":"{{before}}"""), .. bad,
         .. Encoding.UTF8.GetBytes($$"""{{after}}"}]}""")];

    private Task<HttpResponseMessage> PostAsync(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Bot.PostAsync($"/api/v1/conversations/{Conversation}/events", content);
    }

    private async Task<(int Conversations, int Events)> CountRowsAsync()
    {
        await using var db = Factory.CreateDbContext();
        return (await db.Conversations.CountAsync(c => c.ExternalId == Conversation), await db.InboundEvents.CountAsync());
    }
}
