using AgentConsole.Core.Chat;
using AgentConsole.Core.Delivery;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Delivery;

/// <summary>Every path that opens a case writes case.escalated with it, for external bots only.</summary>
public sealed class EscalationOutboxTests : DeliveryTestBase
{
    [Fact]
    public async Task TheBatchThatOpensTheCaseStoresItsEscalationEventWithIt()
    {
        using var bot = await CreateBotAsync(null, "Pulling bot");

        var caseId = await EscalateAsync(bot, "esc-1");

        await using var db = Factory.CreateDbContext();
        var row = await db.OutboundEvents.AsNoTracking().FirstAsync(e => e.ConversationExternalId == "esc-1");
        Assert.Equal(OutboundEventTypes.CaseEscalated, row.Type);
        Assert.Equal(bot.Id, row.IntegrationId);
        Assert.Equal(caseId, Data(row).GetProperty("caseId").GetInt64());
        // Without a callback URL the bot pulls: nothing waits for a webhook.
        Assert.Null(row.NextAttemptAt);
        // A retried batch opens nothing and writes nothing more.
        var body = Batch(CustomerMessage("e1", Hacked, 1));
        using var retried = await PostEventsAsync("esc-1", body, bot.Client);
        Assert.Equal(1, await db.OutboundEvents.CountAsync(e => e.ConversationExternalId == "esc-1" && e.Type == OutboundEventTypes.CaseEscalated));
    }

    [Fact]
    public async Task TheUnresolvedTimeTriggerWritesTheEscalationToo()
    {
        using var bot = await CreateBotAsync(null, "Pulling bot");
        using var posted = await PostEventsAsync("esc-timeout", Batch(CustomerMessage("e1", "How do I export a dashboard to PDF?", 1)), bot.Client);
        posted.EnsureSuccessStatusCode();

        Factory.Clock.Advance(TimeSpan.FromMinutes(16));
        await Factory.Services.GetRequiredService<UnresolvedSweeper>().SweepAsync();

        var row = Assert.Single(await RowsAsync("esc-timeout"), r => r.Type == OutboundEventTypes.CaseEscalated);
        Assert.Contains(Data(row).GetProperty("reasons").EnumerateArray(), r => r.GetProperty("category").GetString() == "Timeout");
    }

    [Fact]
    public async Task TheChatWidgetsConversationsWriteNothing()
    {
        var chat = Factory.Services.GetRequiredService<CustomerChat>();
        var (_, session) = await chat.StartAsync(null);

        await chat.SendAsync(session, "c1", Hacked);
        await Engine.FlushAsync();

        await using var db = Factory.CreateDbContext();
        var conversationId = await chat.ConversationIdAsync(session);
        Assert.True(await db.Cases.AnyAsync(c => c.ConversationId == conversationId));
        Assert.False(await db.OutboundEvents.AnyAsync(e => e.ConversationId == conversationId));
    }
}
