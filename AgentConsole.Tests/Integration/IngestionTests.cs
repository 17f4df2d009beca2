using System.Text.Json;
using System.Net;
using System.Text.Json.Nodes;
using AgentConsole.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration;

public sealed class IngestionTests : ApiTestBase
{
    [Fact]
    public async Task StoresEveryEventTypeOfABatch()
    {
        var body = new JsonObject
        {
            ["channel"] = "Mobile",
            ["customer"] = new JsonObject { ["externalId"] = "cus-42", ["name"] = "Ada Park", ["tier"] = "enterprise", ["annualContractValue"] = 60000 },
            ["page"] = new JsonObject { ["url"] = "https://app.example.com/billing", ["title"] = "Billing" },
            ["events"] = new JsonArray(
                CustomerMessage("e1", "I was charged twice", 1),
                BotMessage("e2", "Let me check your invoices.", 0.62, 2),
                new JsonObject { ["id"] = "e3", ["type"] = "bot.attempted_solution", ["at"] = At(3), ["description"] = "Looked up invoices", ["outcome"] = "partially_worked" },
                new JsonObject { ["id"] = "e4", ["type"] = "customer.tried", ["at"] = At(4), ["description"] = "Removed the second card" },
                new JsonObject { ["id"] = "e5", ["type"] = "page.viewed", ["at"] = At(5), ["url"] = "https://app.example.com/billing/invoices", ["title"] = "Invoices" },
                new JsonObject { ["id"] = "e6", ["type"] = "bot.handoff_requested", ["at"] = At(6), ["reason"] = "refund over the bot's limit" }),
        };

        using var response = await PostEventsAsync("conv-all-types", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await ReadJsonAsync(response);
        Assert.True(reply.GetProperty("created").GetBoolean());
        Assert.Equal(6, reply.GetProperty("newEvents").GetInt32());
        Assert.Equal(0, reply.GetProperty("duplicateEvents").GetInt32());
        // The bot's own handoff request escalates the conversation.
        Assert.Equal("Queued", reply.GetProperty("status").GetString());
        // The routing engine takes the case as soon as it is committed, so by the time the reply reads
        // it back it may already be offered to the demo's billing specialist.
        Assert.Contains(reply.GetProperty("escalation").GetProperty("status").GetString(), new[] { "Queued", "Offered" });

        await using var db = Factory.CreateDbContext();
        var conversation = await db.Conversations.Include(c => c.Customer).SingleAsync(c => c.ExternalId == "conv-all-types");
        Assert.Equal("mobile", conversation.Channel);
        Assert.Equal("Ada Park", conversation.Customer!.Name);
        Assert.Equal(CustomerTier.Enterprise, conversation.Customer.Tier);
        var messages = await db.Messages.Where(m => m.ConversationId == conversation.Id).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal([MessageAuthor.Customer, MessageAuthor.Bot, MessageAuthor.System], messages.Select(m => m.Author));
        Assert.Equal(0.62, messages[1].BotConfidence);
        Assert.Contains("refund over the bot's limit", messages[2].Text);
        var attempts = await db.AttemptedSolutions.Where(a => a.ConversationId == conversation.Id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([(AttemptSource.Bot, AttemptOutcome.PartiallyWorked), (AttemptSource.Customer, AttemptOutcome.Unknown)], attempts.Select(a => (a.Source, a.Outcome)));
        var pages = await db.PageContexts.Where(p => p.ConversationId == conversation.Id).OrderBy(p => p.Id).Select(p => p.Url).ToListAsync();
        Assert.Equal(["https://app.example.com/billing/invoices", "https://app.example.com/billing"], pages);
        Assert.Equal(6, await db.InboundEvents.CountAsync(e => e.ConversationId == conversation.Id));
        Assert.Equal(AgentConsoleFactory.Start.AddSeconds(1).UtcDateTime, conversation.FirstCustomerMessageAt);
        Assert.Equal(DateTimeKind.Utc, conversation.LastActivityAt.Kind);
    }

    [Fact]
    public async Task PostingTheSameBatchTwiceStoresEachEventOnce()
    {
        var body = Batch(CustomerMessage("e1", "my export is stuck", 1), BotMessage("e2", "Try again?", 0.4, 2));
        body["page"] = new JsonObject { ["url"] = "https://app.example.com/exports", ["title"] = "Exports" };

        using var first = await PostEventsAsync("conv-retry", body);
        using var second = await PostEventsAsync("conv-retry", body);

        var reply = await ReadJsonAsync(second);
        Assert.Equal(0, reply.GetProperty("newEvents").GetInt32());
        Assert.Equal(2, reply.GetProperty("duplicateEvents").GetInt32());
        Assert.False(reply.GetProperty("created").GetBoolean());
        Assert.Equal((await ReadJsonAsync(first)).GetProperty("conversationId").GetString(), reply.GetProperty("conversationId").GetString());
        await using var db = Factory.CreateDbContext();
        Assert.Equal(2, await db.Messages.CountAsync(m => m.Text == "my export is stuck" || m.Text == "Try again?"));
        Assert.Equal(1, await db.PageContexts.CountAsync(p => p.Url == "https://app.example.com/exports"));
    }

    [Fact]
    public async Task ABatchRepeatingSomeEventsStoresOnlyTheNewOnes()
    {
        using var first = await PostEventsAsync("conv-partial", Batch(CustomerMessage("p1", "the invoice page is blank", 1), BotMessage("p2", "Which browser?", 0.5, 2)));
        Assert.Equal(2, (await ReadJsonAsync(first)).GetProperty("newEvents").GetInt32());

        // A bot that lost the first reply sends the first batch again with what followed.
        using var second = await PostEventsAsync("conv-partial", Batch(CustomerMessage("p1", "the invoice page is blank", 1), BotMessage("p2", "Which browser?", 0.5, 2),
            CustomerMessage("p3", "Firefox, latest", 3)));

        var reply = await ReadJsonAsync(second);
        Assert.Equal(1, reply.GetProperty("newEvents").GetInt32());
        Assert.Equal(2, reply.GetProperty("duplicateEvents").GetInt32());
        await using var db = Factory.CreateDbContext();
        var conversation = await db.Conversations.SingleAsync(c => c.ExternalId == "conv-partial");
        var texts = await db.Messages.Where(m => m.ConversationId == conversation.Id).OrderBy(m => m.Id).Select(m => m.Text).ToListAsync();
        Assert.Equal(["the invoice page is blank", "Which browser?", "Firefox, latest"], texts);
        Assert.Equal(3, await db.InboundEvents.CountAsync(e => e.ConversationId == conversation.Id));
    }

    [Fact]
    public async Task ConcurrentRetriesOfOneBatchStoreItOnce()
    {
        var body = Batch(CustomerMessage("e1", "hello?", 1), CustomerMessage("e2", "anyone there?", 2));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostEventsAsync("conv-race", body)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var replies = await Task.WhenAll(responses.Select(ReadJsonAsync));
        Assert.Equal(2, replies.Sum(r => r.GetProperty("newEvents").GetInt32()));
        Assert.Single(replies, r => r.GetProperty("created").GetBoolean());
        await using var db = Factory.CreateDbContext();
        Assert.Equal(1, await db.Conversations.CountAsync(c => c.ExternalId == "conv-race"));
        Assert.Equal(2, await db.InboundEvents.CountAsync(e => e.EventId == "e1" || e.EventId == "e2"));
    }

    [Fact]
    public async Task ABatchMixingOldAndNewEventsStoresOnlyTheNewOnes()
    {
        await PostEventsAsync("conv-mixed", Batch(CustomerMessage("e1", "one", 1)));

        using var response = await PostEventsAsync("conv-mixed", Batch(CustomerMessage("e1", "one", 1), CustomerMessage("e2", "two", 2)));

        var reply = await ReadJsonAsync(response);
        Assert.Equal(1, reply.GetProperty("newEvents").GetInt32());
        Assert.Equal(1, reply.GetProperty("duplicateEvents").GetInt32());
    }

    [Fact]
    public async Task ABatchUsingAnEventIdTwiceIsRefusedAndNothingIsStored()
    {
        using var response = await PostEventsAsync("conv-twice", Batch(CustomerMessage("e1", "the first text", 1), CustomerMessage("e1", "the second text", 2),
            CustomerMessage("e2", "another message", 3)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ReadJsonAsync(response)).GetProperty("errors");
        Assert.Contains("also used by events[0]", errors.GetProperty("events[1].id")[0].GetString());
        await using var db = Factory.CreateDbContext();
        Assert.False(await db.Conversations.AnyAsync(c => c.ExternalId == "conv-twice"));
    }

    [Fact]
    public async Task EventIdsAreScopedToTheirConversation()
    {
        await PostEventsAsync("conv-a", Batch(CustomerMessage("e1", "in a", 1)));

        using var response = await PostEventsAsync("conv-b", Batch(CustomerMessage("e1", "in b", 1)));

        Assert.Equal(1, (await ReadJsonAsync(response)).GetProperty("newEvents").GetInt32());
    }

    [Fact]
    public async Task WritingToAClosedConversationGets409AndStoresNothing()
    {
        await PostEventsAsync("conv-closed", Batch(CustomerMessage("e1", "thanks, all good", 1)));
        await using (var db = Factory.CreateDbContext())
        {
            var conversation = await db.Conversations.SingleAsync(c => c.ExternalId == "conv-closed");
            conversation.MoveTo(ConversationStage.Closed);
            await db.SaveChangesAsync();
        }

        using var response = await PostEventsAsync("conv-closed", Batch(CustomerMessage("e2", "one more thing", 2)));
        using var retry = await PostEventsAsync("conv-closed", Batch(CustomerMessage("e1", "thanks, all good", 1)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("The conversation is closed.", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await using var check = Factory.CreateDbContext();
        Assert.Equal(0, await check.Messages.CountAsync(m => m.Text == "one more thing"));
    }

    [Fact]
    public async Task ABatchForAnotherCustomerThanTheConversationsGets409()
    {
        var first = Batch(CustomerMessage("e1", "hi", 1));
        first["customer"] = new JsonObject { ["externalId"] = "cus-1" };
        await PostEventsAsync("conv-owner", first);
        var second = Batch(CustomerMessage("e2", "hi again", 2));
        second["customer"] = new JsonObject { ["externalId"] = "cus-2", ["name"] = "Someone Else" };

        using var response = await PostEventsAsync("conv-owner", second);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await using var db = Factory.CreateDbContext();
        Assert.False(await db.Customers.AnyAsync(c => c.ExternalId == "cus-2"));
        Assert.Equal(0, await db.Messages.CountAsync(m => m.Text == "hi again"));
    }

    [Fact]
    public async Task ACustomerWritingAfterResolutionReopensTheConversationWithTheBot()
    {
        await PostEventsAsync("conv-reopen", Batch(CustomerMessage("e1", "fixed, thanks", 1)));
        await using (var db = Factory.CreateDbContext())
        {
            var conversation = await db.Conversations.SingleAsync(c => c.ExternalId == "conv-reopen");
            conversation.MoveTo(ConversationStage.Resolved);
            await db.SaveChangesAsync();
        }

        using var response = await PostEventsAsync("conv-reopen", Batch(CustomerMessage("e2", "one more question about my invoice", 60)));

        Assert.Equal("BotActive", (await ReadJsonAsync(response)).GetProperty("status").GetString());
    }
}
