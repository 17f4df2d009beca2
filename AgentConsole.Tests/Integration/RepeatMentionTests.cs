using AgentConsole.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration;

/// <summary>A customer who says, once a person has the case, that they had to repeat themselves.</summary>
public sealed class RepeatMentionTests : ApiTestBase
{
    private const string Hacked = "As I said, someone logged into my account from another country and changed my email";

    [Fact]
    public async Task AComplaintAfterTheHandoffIsStoredOnceWithItsCaseAndMessage()
    {
        // "As I said" before any person is involved is said to the bot: nothing to record.
        using var escalated = await PostEventsAsync("conv-repeat", Batch(CustomerMessage("e1", Hacked, 1)));
        var caseId = (await ReadJsonAsync(escalated)).GetProperty("escalation").GetProperty("id").GetInt64();
        var later = Batch(CustomerMessage("e2", "You need my email address again? I already told the bot all of this.", 60),
            CustomerMessage("e3", "The new address is not mine.", 61));
        using (await PostEventsAsync("conv-repeat", later)) { }
        using (await PostEventsAsync("conv-repeat", later)) { }

        await using var db = Factory.CreateDbContext();
        var mention = await db.RepeatMentions.SingleAsync();
        var message = await db.Messages.SingleAsync(m => m.EventId == "e2");
        Assert.Equal((caseId, message.Id), (mention.CaseId, mention.MessageId));
        Assert.Equal("already-said", mention.Cue);
        Assert.Equal("already told", mention.Excerpt);
        Assert.Equal(message.SentAt, mention.At);
    }

    [Fact]
    public async Task BotMessagesAndOrdinaryMessagesAfterTheHandoffRecordNothing()
    {
        using (await PostEventsAsync("conv-calm", Batch(CustomerMessage("e1", Hacked, 1)))) { }
        using (await PostEventsAsync("conv-calm", Batch(BotMessage("e2", "As I said, a specialist is on the way.", 0.9, 5),
            CustomerMessage("e3", "It happened again just now, the password changed again.", 6)))) { }

        await using var db = Factory.CreateDbContext();
        Assert.Equal(2, await db.Messages.CountAsync(m => m.EventId == "e2" || m.EventId == "e3"));
        Assert.False(await db.RepeatMentions.AnyAsync());
    }
}
