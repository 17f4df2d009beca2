using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Tuning;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Triggers.Tuning;

/// <summary>The replay re-runs the triggers over stored conversations and reports the decisions a change would alter.</summary>
public sealed class TuningReplayTests : TuningStore
{
    private static TriggerOptions Keyword(int threshold) => new() { KeywordRepeat = { Keywords = ["widget"], Threshold = threshold } };

    private Task<ReplayResult> ReplayAsync(TriggerOptions current, TriggerOptions proposed, int cap = 100) =>
        new TuningReplay(DbFactory, new KeywordClassifier()).RunAsync(current, proposed, Now.AddDays(-30), Now, cap);

    private async Task<(Guid Three, Guid Two, Guid None)> ArrangeAsync()
    {
        // "widget" said three times (messages 1, 3 and 5), twice (1 and 3), and not at all.
        var (three, _) = await Desk.ConversationAsync(Now.AddDays(-3), TuningDesk.Alternating("my widget arrived", "Good.", "the widget is blue", "Nice.", "widget again"));
        var (two, _) = await Desk.ConversationAsync(Now.AddDays(-2), TuningDesk.Alternating("widget one", "Ok.", "widget two", "Fine."));
        var (none, _) = await Desk.ConversationAsync(Now.AddDays(-1), TuningDesk.Alternating("hello there", "Hi.", "thanks"));
        // Older than the window: never replayed.
        await Desk.ConversationAsync(Now.AddDays(-40), TuningDesk.Alternating("widget", "Ok.", "widget", "Ok.", "widget"));
        return (three, two, none);
    }

    [Fact]
    public async Task ALowerThresholdEscalatesEarlierAndNewly()
    {
        var (three, two, _) = await ArrangeAsync();

        var result = await ReplayAsync(Keyword(3), Keyword(2));

        Assert.Equal((3, false, 1, 2), (result.Conversations, result.Capped, result.EscalatedNow, result.EscalatedProposed));
        Assert.Equal(2, result.Changes.Count);
        var earlier = Assert.Single(result.Changes, c => c.Kind == ReplayChangeKind.EscalatedEarlier);
        Assert.Equal((three, 5, 3, -2), (earlier.ConversationId, earlier.CurrentAt!.Value, earlier.ProposedAt!.Value, earlier.Shift!.Value));
        var newly = Assert.Single(result.Changes, c => c.Kind == ReplayChangeKind.NewlyEscalated);
        Assert.Equal((two, (int?)null, 3), (newly.ConversationId, newly.CurrentAt, newly.ProposedAt!.Value));
    }

    [Fact]
    public async Task AHigherThresholdNoLongerEscalates()
    {
        var (three, _, _) = await ArrangeAsync();

        var result = await ReplayAsync(Keyword(3), Keyword(4));

        var change = Assert.Single(result.Changes);
        Assert.Equal((three, ReplayChangeKind.NoLongerEscalated, 5, (int?)null), (change.ConversationId, change.Kind, change.CurrentAt!.Value, change.ProposedAt));
        Assert.Equal((1, 0), (result.EscalatedNow, result.EscalatedProposed));
    }

    [Fact]
    public async Task TheSameSettingsChangeNoDecision()
    {
        await ArrangeAsync();

        var result = await ReplayAsync(Keyword(3), Keyword(3));

        Assert.Empty(result.Changes);
        Assert.Equal(1, result.EscalatedNow);
    }

    [Fact]
    public async Task ReplaysOnlyTheNewestConversationsUpToTheCapAndSaysSo()
    {
        var (three, _, _) = await ArrangeAsync();

        var result = await ReplayAsync(Keyword(3), Keyword(2), cap: 2);

        Assert.Equal((2, 2, true), (result.Conversations, result.Cap, result.Capped));
        // The oldest of the three, the one that said "widget" three times, was left out.
        Assert.DoesNotContain(result.Changes, c => c.ConversationId == three);
        Assert.Equal(ReplayChangeKind.NewlyEscalated, Assert.Single(result.Changes).Kind);
    }

    [Fact]
    public async Task AnEscalatedConversationIsReplayedOnlyUpToItsCase()
    {
        // "widget" twice before the case, and once more with the agent afterwards: never three times while with the bot.
        var (conversation, _) = await Desk.ConversationAsync(Now.AddDays(-3), TuningDesk.Alternating("widget one", "Ok.", "widget two"), [TuningDesk.Reason("human-request")]);
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            var stored = await db.Conversations.FindAsync(conversation);
            db.Messages.Add(stored!.AddMessage(AgentConsole.Core.Conversations.MessageAuthor.Customer, "widget three", Now.AddDays(-2)));
            await db.SaveChangesAsync();
        }

        var result = await ReplayAsync(Keyword(3), Keyword(4));

        Assert.Equal(0, result.EscalatedNow);
        Assert.Empty(result.Changes);
    }
}
