using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration.Chat;

public sealed class ChatApiTests : ApiTestBase
{
    public ChatApiTests() : base(settings: new Dictionary<string, string?>
    {
        ["Channel:MessagesPerMinute"] = "5",
        ["Channel:AllowedOrigins:0"] = "https://shop.example",
    })
    {
    }

    private ChatClient Customer() => new(Factory.CreateClient());

    [Fact]
    public async Task AConversationStartsWithAnUnguessableTokenAndRecordsThePage()
    {
        var customer = Customer();

        var started = await customer.StartAsync("https://shop.example/settings/billing", "Billing · Northwind");

        var token = started.GetProperty("token").GetString()!;
        Assert.Equal(ChatTokens.Length, token.Length);
        Assert.NotEqual(token, (await Customer().StartAsync()).GetProperty("token").GetString());
        await using var db = Factory.CreateDbContext();
        var session = await db.ChatSessions.SingleAsync(s => s.TokenHash == ChatTokens.Hash(token));
        var conversation = await db.Conversations.SingleAsync(c => c.ExternalId == session.ExternalId);
        Assert.Equal("chat", conversation.Channel);
        Assert.Equal("https://shop.example/settings/billing", (await db.PageContexts.SingleAsync(p => p.ConversationId == conversation.Id)).Url);
        // Only the hash is stored.
        Assert.False(await db.ChatSessions.AnyAsync(s => s.ExternalId.Contains(token)));
    }

    [Fact]
    public async Task ACustomerReadsOnlyTheirOwnConversation()
    {
        var alice = Customer();
        await alice.StartAsync();
        using (var sent = await alice.SendAsync("my invoice number is INV-7731 and it is wrong")) Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var bob = Customer();
        await bob.StartAsync();

        var bobs = await bob.TranscriptAsync();

        Assert.DoesNotContain(bobs.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString()!.Contains("INV-7731"));
        Assert.Contains((await alice.TranscriptAsync()).GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString()!.Contains("INV-7731"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task NoTokenAMalformedOneOrAGuessOpensNothing(string? token)
    {
        var owner = Customer();
        await owner.StartAsync();
        using (await owner.SendAsync("private words")) { }
        var stranger = Customer().WithToken(token);

        using var transcript = await stranger.GetAsync("/api/chat/transcript");
        using var send = await stranger.SendAsync("let me in");
        using var stream = await stranger.GetAsync("/api/chat/stream");
        using var rating = await stranger.PostAsync("/api/chat/rating", new JsonObject { ["score"] = 5 });
        using var page = await stranger.PostAsync("/api/chat/page", new JsonObject { ["url"] = "https://shop.example/" });

        Assert.All(new[] { transcript, send, stream, rating, page }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal("application/problem+json", transcript.Content.Headers.ContentType?.MediaType);
        await using var db = Factory.CreateDbContext();
        Assert.False(await db.Messages.AnyAsync(m => m.Text == "let me in"));
    }

    [Fact]
    public async Task AnIdFromAnotherConversationInTheUrlOrBodyOpensNothing()
    {
        var alice = Customer();
        var started = await alice.StartAsync();
        using (await alice.SendAsync("alice's secret")) { }
        var bob = Customer();
        await bob.StartAsync();

        // The widget's API has no conversation id anywhere: a guessed one in the query string changes nothing.
        using var response = await bob.GetAsync($"/api/chat/transcript?conversationId={started.GetProperty("conversationId").GetString()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.DoesNotContain(body.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString() == "alice's secret");
    }

    [Fact]
    public async Task ARetriedMessageIsStoredOnce()
    {
        var customer = Customer();
        await customer.StartAsync();
        var clientId = Guid.NewGuid().ToString();

        using var first = await customer.SendAsync("the export button is greyed out", clientId);
        using var retry = await customer.SendAsync("the export button is greyed out", clientId);

        var a = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message");
        var b = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message");
        Assert.Equal(a.GetProperty("id").GetInt64(), b.GetProperty("id").GetInt64());
        Assert.Equal(clientId, b.GetProperty("clientId").GetString());
        await using var db = Factory.CreateDbContext();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.Text == "the export button is greyed out"));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task AnEmptyMessageIsRefusedWithTheFieldNamed(string? text)
    {
        var customer = Customer();
        await customer.StartAsync();

        using var response = await customer.PostAsync("/api/chat/messages", new JsonObject { ["clientId"] = "c1", ["text"] = text });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task AnOversizedMessageIsRefusedAndNothingIsStored()
    {
        var customer = Customer();
        await customer.StartAsync();

        using var response = await customer.SendAsync(new string('x', 4001));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("4000", problem.GetProperty("detail").GetString());
        await using var db = Factory.CreateDbContext();
        Assert.False(await db.Messages.AnyAsync(m => m.Text.StartsWith("xxxx")));
    }

    [Fact]
    public async Task TooManyMessagesGetA429WithRetryAfter()
    {
        var customer = Customer();
        await customer.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            using var ok = await customer.SendAsync($"message {i}");
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }

        using var refused = await customer.SendAsync("one too many");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        // The limit is per conversation: another customer still gets through.
        var other = Customer();
        await other.StartAsync();
        using var fine = await other.SendAsync("hello");
        Assert.Equal(HttpStatusCode.Accepted, fine.StatusCode);
    }

    [Fact]
    public async Task PagesOnOriginsNotAllowedAreRefusedAndAllowedOnesGetCors()
    {
        var client = Factory.CreateClient();

        using var refused = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/chat/sessions")
        {
            Headers = { { "Origin", "https://evil.example" } },
            Content = JsonContent.Create(new { }),
        });
        using var allowed = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/chat/sessions")
        {
            Headers = { { "Origin", "https://shop.example" } },
            Content = JsonContent.Create(new { }),
        });
        using var preflight = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/api/chat/messages")
        {
            Headers = { { "Origin", "https://shop.example" }, { "Access-Control-Request-Method", "POST" }, { "Access-Control-Request-Headers", "authorization,content-type" } },
        });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        Assert.Equal("https://shop.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("https://shop.example", preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        await using var db = Factory.CreateDbContext();
        Assert.Equal(1, await db.ChatSessions.CountAsync());
    }

    [Fact]
    public async Task WhatACustomerTypesIsNeverHtmlAndTheBotsMarkdownIsSanitised()
    {
        var customer = Customer();
        await customer.StartAsync();
        const string attack = "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))";
        using (await customer.SendAsync(attack)) { }
        // A bot (any bot: here through the API) answers with Markdown that tries the same.
        var externalId = await ExternalIdAsync(customer);
        await using (var db = Factory.CreateDbContext())
        {
            var conversation = await db.Conversations.SingleAsync(c => c.ExternalId == externalId);
            await using var transaction = await AgentConsole.Core.Data.WriteTransaction.BeginAsync(db);
            var reply = conversation.AddMessage(MessageAuthor.Bot, "Try **this**: " + attack, Factory.Clock.GetUtcNow().UtcDateTime, "b-1", 0.9);
            MessageWriter.Append(db, reply);
            await transaction.CommitAsync();
        }

        var messages = (await customer.TranscriptAsync()).GetProperty("messages").EnumerateArray().ToList();

        var mine = messages.Single(m => m.GetProperty("author").GetString() == "customer" && m.GetProperty("text").GetString() == attack);
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("html").ValueKind);
        var html = messages.Single(m => m.GetProperty("author").GetString() == "bot" && m.GetProperty("text").GetString()!.StartsWith("Try")).GetProperty("html").GetString()!;
        Assert.Contains("<strong>this</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("href=\"javascript:", html);
    }

    private async Task<string> ExternalIdAsync(ChatClient customer)
    {
        await using var db = Factory.CreateDbContext();
        var hash = ChatTokens.Hash(customer.Token!);
        return (await db.ChatSessions.SingleAsync(s => s.TokenHash == hash)).ExternalId;
    }
}
