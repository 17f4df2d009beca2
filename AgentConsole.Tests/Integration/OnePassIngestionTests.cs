using System.Net;
using System.Text.Json.Nodes;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration;

/// <summary>A batch is stored in one transaction, and its reply says what that transaction stored.</summary>
public sealed class OnePassIngestionTests : ApiTestBase
{
    [Fact]
    public async Task ACaseOpenedByALaterBatchIsBriefedOnTheWholeConversation()
    {
        var first = Batch(CustomerMessage("e1", "Where do I find the settings for scheduled exports?", 1),
            new JsonObject { ["id"] = "e2", ["type"] = "bot.attempted_solution", ["at"] = At(2), ["description"] = "Linked the export help article", ["outcome"] = "failed" },
            new JsonObject { ["id"] = "e3", ["type"] = "page.viewed", ["at"] = At(3), ["url"] = "https://app.example.com/exports", ["title"] = "Exports" });
        await PostEventsAsync("conv-story", first);
        var second = Batch(new JsonObject { ["id"] = "e4", ["type"] = "customer.tried", ["at"] = At(40), ["description"] = "Logged out and in again" },
            CustomerMessage("e5", "I still cannot find it, can I talk to a human please", 41));
        second["page"] = new JsonObject { ["url"] = "https://app.example.com/exports/history", ["title"] = "Export history", ["at"] = At(42) };

        using var response = await PostEventsAsync("conv-story", second);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = Factory.CreateDbContext();
        var briefing = (await db.Cases.SingleAsync(c => c.Conversation!.ExternalId == "conv-story")).BriefingMarkdown;
        Assert.All(["Where do I find the settings for scheduled exports", "can I talk to a human please", "Linked the export help article", "Logged out and in again", "Export history"],
            part => Assert.True(briefing.Contains(part, StringComparison.Ordinal), $"'{part}' is not in the briefing:\n{briefing}"));
    }

    [Fact]
    public async Task TheTriggersGoOnFromTheStateTheStoreHoldsNotFromTheLastBatchRemembered()
    {
        // Two batches: the second takes back the state the first left, unparsed, and counts on from it.
        using (await PostEventsAsync("conv-state", Batch(CustomerMessage("e1", "How do I change the billing email?", 1)))) { }
        using (await PostEventsAsync("conv-state", Batch(CustomerMessage("e2", "And the invoice address?", 2)))) { }
        Assert.Equal(2, await StoredCustomerMessagesAsync("conv-state"));

        // The stored state changes under the ingestor (a restore, another writer): the next batch reads it, not what it remembered.
        await using (var db = Factory.CreateDbContext())
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Conversations" SET "TriggerStateJson" = '{{}}' WHERE "ExternalId" = 'conv-state'""");
        using (await PostEventsAsync("conv-state", Batch(CustomerMessage("e3", "Also the VAT number.", 3)))) { }

        Assert.Equal(1, await StoredCustomerMessagesAsync("conv-state"));
    }

    private async Task<int> StoredCustomerMessagesAsync(string externalId)
    {
        await using var db = Factory.CreateDbContext();
        var json = await db.Conversations.Where(c => c.ExternalId == externalId)
            .Join(db.TriggerStates, c => c.Id, s => s.ConversationId, (c, s) => s.StateJson).SingleAsync();
        return TriggerStateRecord.Deserialize(json).CustomerMessages;
    }

    [Fact]
    public async Task TheReplyGivesTheCaseAsTheBatchStoredIt()
    {
        using var response = await PostEventsAsync("conv-reply", Batch(CustomerMessage("e1", "Someone logged into my account from another country", 1)));

        var reply = await ReadJsonAsync(response);
        var escalation = reply.GetProperty("escalation");
        // Read inside the batch's transaction: the routing engine cannot have moved the case yet.
        Assert.Equal("Queued", reply.GetProperty("status").GetString());
        Assert.Equal("Queued", escalation.GetProperty("status").GetString());
        Assert.True(escalation.GetProperty("queuePosition").GetInt32() >= 1);
        Assert.Equal(reply.GetProperty("decision").GetProperty("priority").GetString(), escalation.GetProperty("priority").GetString());
        await using var db = Factory.CreateDbContext();
        var stored = await db.Cases.SingleAsync(c => c.Conversation!.ExternalId == "conv-reply");
        Assert.Equal(stored.Id, escalation.GetProperty("id").GetInt64());
        Assert.Equal(CasePriority.Urgent, stored.Priority);
    }

    [Fact]
    public async Task ARetryOfAnEscalatedBatchReportsTheCaseItFound()
    {
        var body = Batch(CustomerMessage("e1", "Someone logged into my account from another country", 1));
        using var first = await PostEventsAsync("conv-found", body);

        using var retry = await PostEventsAsync("conv-found", body);

        var reply = await ReadJsonAsync(retry);
        Assert.Equal(0, reply.GetProperty("newEvents").GetInt32());
        Assert.Equal((await ReadJsonAsync(first)).GetProperty("escalation").GetProperty("id").GetInt64(), reply.GetProperty("escalation").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task TheBatchThatOpensACaseStoresItsAttemptsAndPagesOnceAndMovesTheConversationOn()
    {
        var body = Batch(CustomerMessage("e1", "My card was charged twice for the same order", 5),
            new JsonObject { ["id"] = "e2", ["type"] = "bot.attempted_solution", ["at"] = At(6), ["description"] = "Looked up the order's payments", ["outcome"] = "failed" },
            new JsonObject { ["id"] = "e3", ["type"] = "page.viewed", ["at"] = At(7), ["url"] = "https://shop.example.com/orders/77", ["title"] = "Order 77" },
            CustomerMessage("e4", "Please put me through to a person now", 9));

        using var response = await PostEventsAsync("conv-once", body);
        using var retry = await PostEventsAsync("conv-once", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caseId = (await ReadJsonAsync(response)).GetProperty("escalation").GetProperty("id").GetInt64();
        await using var db = Factory.CreateDbContext();
        var conversation = await db.Conversations.SingleAsync(c => c.ExternalId == "conv-once");
        Assert.Equal(ConversationStage.WithHumans, conversation.Stage);
        Assert.Equal(AgentConsoleFactory.Start.AddSeconds(9).UtcDateTime, conversation.LastActivityAt);
        Assert.Equal(AgentConsoleFactory.Start.AddSeconds(5).UtcDateTime, conversation.FirstCustomerMessageAt);
        Assert.Equal("Looked up the order's payments", (await db.AttemptedSolutions.SingleAsync(a => a.ConversationId == conversation.Id)).Description);
        Assert.Equal("Order 77", (await db.PageContexts.SingleAsync(p => p.ConversationId == conversation.Id)).Title);
        var briefing = (await db.Cases.SingleAsync(c => c.ConversationId == conversation.Id && c.Id == caseId)).BriefingMarkdown;
        Assert.Contains("Looked up the order's payments", briefing, StringComparison.Ordinal);
    }
}
