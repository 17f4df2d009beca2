using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Metrics.Facts;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration;

/// <summary>
/// The history dashboard's fact rows, kept by the store's triggers as the real writers write
/// (the demo's seeding, ingestion, the routing engine's commands, flags, ratings, repeat mentions,
/// a customer's new tier), against a fresh computation of every row from the source tables.
/// </summary>
public sealed class HistoryFactsTests : ApiTestBase
{
    private const string Hacked = "Someone logged into my account from another country and changed my email";

    [Fact]
    public async Task TheFactRowsEqualAFreshComputationAfterEveryKindOfWrite()
    {
        var engine = Factory.Services.GetRequiredService<IRoutingDesk>();
        await engine.FlushAsync();
        var agents = await AgentsAsync();
        var (marcus, priya, lena, tom) = (agents["marcus.okafor@agentconsole.demo"], agents["priya.raman@agentconsole.demo"],
            agents["lena.fischer@agentconsole.demo"], agents["tom.alvarez@agentconsole.demo"]);
        Assert.Equal(await StoredAsync(), await RecomputedAsync());

        // The engine: Marcus declines the case he was offered; a supervisor gives it to Priya, who transfers it to Lena, who resolves it misrouted.
        long offered;
        await using (var db = Factory.CreateDbContext()) offered = await db.Cases.Where(c => c.OfferedAgentId == marcus.Id).Select(c => c.Id).FirstAsync();
        await engine.DeclineOfferAsync(offered, "In a call", As(marcus));
        await engine.ReassignAsync(offered, priya.Id, "Priya knows this account", overrideCapacity: true, RoutingActor.ForSupervisor());
        await engine.TransferAsync(offered, TransferTarget.ToAgent(lena.Id), "Lena's area", As(priya), overrideCapacity: true);
        await engine.FlagAsync(offered, CaseFlag.Misrouted, "should have gone to Lena", As(lena));
        await engine.ResolveAsync(offered, "Sorted", As(lena));

        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        // Ingestion: a known customer's conversation with the bot, a page, an escalation, then a complaint of repeating after the handoff.
        (await Bot.PutAsJsonAsync("/api/v1/customers/cus-facts", new { name = "Ada", tier = "Pro", products = new[] { "Analytics" } })).EnsureSuccessStatusCode();
        var first = Batch(
            new JsonObject { ["id"] = "f1", ["type"] = "page.viewed", ["at"] = At(1), ["url"] = "https://app.example.com/account?tab=security", ["title"] = "Account" },
            BotMessage("f2", "Hello! How can I help?", 0.9, 2),
            CustomerMessage("f3", Hacked, 3));
        first["customer"] = new JsonObject { ["externalId"] = "cus-facts" };
        using var escalated = await PostEventsAsync("conv-facts", first);
        var security = (await ReadJsonAsync(escalated)).GetProperty("escalation").GetProperty("id").GetInt64();
        using (await PostEventsAsync("conv-facts", Batch(CustomerMessage("f4", "I already told the bot all of this.", 120)))) { }

        // The security case: given to Tom, who resolves it under another category; the customer rates it and moves up a tier.
        await engine.ReassignAsync(security, tom.Id, "Security cover", overrideCapacity: true, RoutingActor.ForSupervisor());
        await engine.ReplyAsync(security, "Looking into it now.", As(tom));
        await engine.FlagAsync(security, CaseFlag.CustomerRepeated, null, As(tom));
        await engine.ResolveAsync(security, "Secured the account", IssueCategory.AccountAccess, As(tom));
        await using (var db = Factory.CreateDbContext())
        {
            var conversation = await db.Cases.Where(c => c.Id == security).Select(c => c.ConversationId).SingleAsync();
            db.ChatRatings.Add(new ChatRating(conversation, security, 5, "Thanks", Factory.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }
        (await Bot.PutAsJsonAsync("/api/v1/customers/cus-facts", new { name = "Ada", tier = "Enterprise" })).EnsureSuccessStatusCode();
        await engine.FlushAsync();

        var stored = await StoredAsync();
        Assert.Equal(stored, await RecomputedAsync());
        await using var read = Factory.CreateDbContext();
        var declined = await read.CaseFacts.SingleAsync(f => f.CaseId == offered);
        Assert.Equal((1, 1, 1, true, false), (declined.Declines, declined.Transfers, declined.Reassignments, declined.Misrouted, declined.Kept));
        Assert.Equal(priya.Id.ToString(), declined.FirstAgentId, ignoreCase: true);
        Assert.NotNull(declined.ResolveTicks);
        var secured = await read.CaseFacts.SingleAsync(f => f.CaseId == security);
        Assert.Equal((IssueCategory.AccountAccess, CustomerTier.Enterprise, true, true, true, true),
            (secured.Category, secured.Tier, secured.DetectedRepeat, secured.FlaggedRepeat, secured.Rated, secured.Kept));
        Assert.Equal("https://app.example.com/account?tab=security", secured.Page);
        var conversationFact = await read.ConversationFacts.SingleAsync(c => c.ConversationId == secured.ConversationId);
        Assert.Equal((IssueCategory.AccountAccess, CustomerTier.Enterprise, (long?)security, true),
            (conversationFact.Category, conversationFact.Tier, conversationFact.FirstCaseId, conversationFact.Rated));
        Assert.Contains(await read.CaseReplies.Where(r => r.CaseId == security).Select(r => r.AgentId).ToListAsync(),
            id => string.Equals(id, tom.Id.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AWriteOnlyMarksItsConversationAndTheNextHistoryReadCountsIt()
    {
        var metrics = Factory.Services.GetRequiredService<global::AgentConsole.Core.Metrics.HistoryMetrics>();
        var day = DateOnly.FromDateTime(AgentConsoleFactory.Start.UtcDateTime);
        var filter = metrics.Days(day.AddDays(-1), day.AddDays(1));
        var before = (await metrics.EscalationRateAsync(filter)).Overall;

        using (var response = await PostEventsAsync("conv-marked", Batch(BotMessage("m1", Greeting, 0.9, 1), CustomerMessage("m2", "Where do I change my invoice address?", 2))))
            response.EnsureSuccessStatusCode();
        Guid id;
        await using (var db = Factory.CreateDbContext())
        {
            id = (await db.Conversations.SingleAsync(c => c.ExternalId == "conv-marked")).Id;
            // The new conversation is marked, and its fact row waits for a reader or the timer.
            Assert.Equal(1, await WaitingAsync(db));
            Assert.False(await db.ConversationFacts.AnyAsync(f => f.ConversationId == id));
        }

        var after = (await metrics.EscalationRateAsync(filter)).Overall;

        Assert.Equal((before.Count, before.Of + 1), (after.Count, after.Of));
        Assert.Equal(1, await GreetingsSentAsync(id));

        // A later batch appends messages without marking anything: the next read finds them by their ids.
        using (var response = await PostEventsAsync("conv-marked", Batch(BotMessage("m3", Greeting, 0.9, 3))))
            response.EnsureSuccessStatusCode();
        Assert.Equal(1, await GreetingsSentAsync(id));
        Assert.True(await Factory.Services.GetRequiredService<FactsCatchUp>().RunAsync());
        Assert.Equal(2, await GreetingsSentAsync(id));
        Assert.False(await Factory.Services.GetRequiredService<FactsCatchUp>().RunAsync());
    }

    private const string Greeting = "Hello! How can I help?";

    private async Task<int> GreetingsSentAsync(Guid conversation)
    {
        await using var db = Factory.CreateDbContext();
        return await db.ConversationBotReplies.Where(r => r.ConversationId == conversation && r.Text == Greeting).Select(r => r.Sent).SingleAsync();
    }

    private static RoutingActor As(global::AgentConsole.Core.Routing.Agent agent) => RoutingActor.ForAgent(agent.Id, agent.TeamId, agent.DisplayName);

    private async Task<Dictionary<string, global::AgentConsole.Core.Routing.Agent>> AgentsAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.Agents.AsNoTracking().ToDictionaryAsync(a => a.Email);
    }

    /// <summary>The fact rows as a reader sees them (the marked conversations caught up first), one text line per row.</summary>
    private async Task<List<string>> StoredAsync()
    {
        await using var db = await FactsCatchUp.OpenCurrentAsync(Factory.Services.GetRequiredService<IDbContextFactory<global::AgentConsole.Core.Data.AgentConsoleDbContext>>(), CancellationToken.None);
        Assert.Equal(0, await WaitingAsync(db));
        return await ReadAllAsync(db);
    }

    private static async Task<int> WaitingAsync(global::AgentConsole.Core.Data.AgentConsoleDbContext db) =>
        // The conversations marked: one row each on SQLite, one row per mark on PostgreSQL.
        await db.Database.SqlQueryRaw<int>("SELECT CAST(count(DISTINCT \"ConversationId\") AS integer) AS \"Value\" FROM \"FactsDirty\"").SingleAsync();

    /// <summary>The same rows recomputed from the source tables by <see cref="FactsRebuild"/>.</summary>
    private async Task<List<string>> RecomputedAsync()
    {
        await new FactsRebuild(Factory.Services.GetRequiredService<IDbContextFactory<global::AgentConsole.Core.Data.AgentConsoleDbContext>>()).RebuildAsync();
        await using var db = Factory.CreateDbContext();
        return await ReadAllAsync(db);
    }

    private static async Task<List<string>> ReadAllAsync(global::AgentConsole.Core.Data.AgentConsoleDbContext db)
    {
        var rows = new List<string>();
        foreach (var table in new[] { "\"CaseFacts\" ORDER BY \"CaseId\"", "\"ConversationFacts\" ORDER BY \"ConversationId\"", "\"CaseReplies\" ORDER BY \"CaseId\", \"AgentId\"",
            "\"ConversationBotReplies\" ORDER BY \"ConversationId\", \"Text\"" })
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add(table.Split(' ')[0].Trim('"') + ": " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString())));
        }
        Assert.NotEmpty(rows);
        return rows;
    }
}
