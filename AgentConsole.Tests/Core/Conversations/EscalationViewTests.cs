using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Tests.Core.Conversations;

/// <summary>The bot's view of a case: its place in the queue, counted the way the queue serves.</summary>
public sealed class EscalationViewTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private readonly TempDatabase _database = new();
    private readonly PooledDbContextFactory<AgentConsoleDbContext> _factory;
    private readonly AgentConsole.Core.Integrations.Integration _integration = new("bot", "0123456789abcdef", Now);

    public EscalationViewTests() => _factory = _database.CreateFactory();

    public async Task InitializeAsync()
    {
        await DatabaseInitializer.MigrateAsync(_factory);
        await using var db = await _factory.CreateDbContextAsync();
        db.Add(_integration);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task TheQueuePositionCountsHigherPriorityThenLongerWaitThenEarlierCasesAhead()
    {
        // Opened in this order; queued at the minutes given. Ties on priority and time go to the older case.
        var normalEarly = await QueueAsync("normal-early", CasePriority.Normal, 1);
        var normalLate = await QueueAsync("normal-late", CasePriority.Normal, 5);
        var high = await QueueAsync("high", CasePriority.High, 9);
        var normalTieFirst = await QueueAsync("normal-tie-1", CasePriority.Normal, 3);
        var normalTieSecond = await QueueAsync("normal-tie-2", CasePriority.Normal, 3);
        var urgent = await QueueAsync("urgent", CasePriority.Urgent, 10);
        // Cases no longer waiting are not ahead of anyone, whatever their priority.
        await QueueAsync("offered-urgent", CasePriority.Urgent, 0, offer: true);

        Assert.Equal(1, await PositionAsync(urgent));
        Assert.Equal(2, await PositionAsync(high));
        Assert.Equal(3, await PositionAsync(normalEarly));
        Assert.Equal(4, await PositionAsync(normalTieFirst));
        Assert.Equal(5, await PositionAsync(normalTieSecond));
        Assert.Equal(6, await PositionAsync(normalLate));
    }

    [Fact]
    public async Task ACaseThatIsNotWaitingHasNoQueuePositionAndAConversationNeverEscalatedHasNoView()
    {
        var offered = await QueueAsync("offered", CasePriority.Low, 0, offer: true);
        var never = new Conversation(_integration.Id, "never", "web", Now);
        await using (var db = await _factory.CreateDbContextAsync())
        {
            db.Add(never);
            await db.SaveChangesAsync();
        }

        await using var read = await _factory.CreateDbContextAsync();
        var view = await EscalationView.LatestAsync(read, offered);
        Assert.Equal((CaseStatus.Offered, (int?)null), (view!.Status, view.QueuePosition));
        Assert.Null(await EscalationView.LatestAsync(read, never.Id));
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private async Task<Guid> QueueAsync(string externalId, CasePriority priority, int queuedAtMinute, bool offer = false)
    {
        await using var db = await _factory.CreateDbContextAsync();
        var conversation = new Conversation(_integration.Id, externalId, "web", Now);
        var decision = EscalationDecision.Escalated([new EscalationReason(ReasonCategory.CustomerRequest, "test", "asked for a human")],
            IssueCategory.Billing, 0.8, priority, Skill.Billing, AgentTier.Specialist, -0.3, SentimentTrend.Steady);
        var @case = new Case(conversation, decision, "briefing", Now);
        @case.Queue(Now.AddMinutes(queuedAtMinute));
        if (offer) @case.Offer(Guid.NewGuid(), Now.AddMinutes(queuedAtMinute), Now.AddMinutes(queuedAtMinute + 1));
        db.AddRange(conversation, @case);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    private async Task<int?> PositionAsync(Guid conversationId)
    {
        await using var db = await _factory.CreateDbContextAsync();
        var view = await EscalationView.LatestAsync(db, conversationId);
        Assert.Equal(CaseStatus.Queued, view!.Status);
        return view.QueuePosition;
    }
}
