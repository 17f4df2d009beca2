using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Privacy;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AgentConsole.Tests.Core.Privacy;

/// <summary>The retention job: conversations past <c>Retention:Days</c> lose their words, in batches, on the fake clock.</summary>
public sealed class RetentionTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private readonly TempDatabase _database = new();
    private readonly PooledDbContextFactory<AgentConsoleDbContext> _factory;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start));

    public RetentionTests() => _factory = _database.CreateFactory();

    [Fact]
    public async Task AnonymisesOnlyConversationsPastTheLimitWithNoOpenCaseInBatches()
    {
        // Arrange: five old conversations, one old with an open case, one recent; 30 days' retention in batches of two.
        await DatabaseInitializer.MigrateAsync(_factory);
        var old = new List<Guid>();
        for (var i = 0; i < 5; i++) old.Add(await ConversationAsync($"old-{i}", Start.AddDays(-40), resolvedCase: i == 0));
        var open = await ConversationAsync("old-open", Start.AddDays(-40), openCase: true);
        var recent = await ConversationAsync("recent", Start.AddDays(-3));
        var sweeper = Sweeper(new RetentionOptions { Days = 30, BatchSize = 2 });

        // Act
        var anonymised = await sweeper.SweepAsync();
        var again = await sweeper.SweepAsync();

        // Assert
        Assert.Equal((5, 0), (anonymised, again));
        await using var db = await _factory.CreateDbContextAsync();
        Assert.Equal(5, await db.Messages.CountAsync(m => old.Contains(m.ConversationId) && m.Text == Redaction.Marker));
        Assert.Equal(0, await db.Messages.CountAsync(m => old.Contains(m.ConversationId) && m.Text != Redaction.Marker));
        Assert.Equal(Redaction.Marker, await db.Cases.Where(c => old.Contains(c.ConversationId)).Select(c => c.BriefingMarkdown).SingleAsync());
        Assert.False(await db.Messages.AnyAsync(m => (m.ConversationId == open || m.ConversationId == recent) && m.Text == Redaction.Marker));
        var records = await db.Erasures.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([2, 2, 1], records.Select(r => r.Conversations));
        Assert.All(records, r => Assert.Equal((ErasureKind.Retention, RetentionSweeper.Actor, (string?)null), (r.Kind, r.ErasedBy, r.Subject)));
    }

    [Fact]
    public async Task IsOffByDefault()
    {
        await DatabaseInitializer.MigrateAsync(_factory);
        await ConversationAsync("old", Start.AddDays(-4000));

        Assert.Equal(0, await Sweeper(new RetentionOptions()).SweepAsync());
        await using var db = await _factory.CreateDbContextAsync();
        Assert.False(await db.Messages.AnyAsync(m => m.Text == Redaction.Marker));
    }

    [Fact]
    public async Task TheHostedJobSweepsWhenItsIntervalPassesOnTheClock()
    {
        // Arrange
        await DatabaseInitializer.MigrateAsync(_factory);
        await ConversationAsync("old", Start.AddDays(-40));
        var options = new RetentionOptions { Days = 30, CheckIntervalMinutes = 60 };
        using var service = new RetentionService(Sweeper(options), new StaticOptions(options), _clock, NullLogger<RetentionService>.Instance);
        await service.StartAsync(CancellationToken.None);

        // Act: nothing before the first tick; the tick comes from the fake clock.
        await using (var before = await _factory.CreateDbContextAsync())
            Assert.Equal(0, await before.Erasures.CountAsync());
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = await _factory.CreateDbContextAsync();
            return await db.Erasures.AnyAsync();
        }, TimeSpan.FromSeconds(10), "the retention job sweeps at the tick", () => _clock.Advance(TimeSpan.FromMinutes(60)));

        // Assert
        await service.StopAsync(CancellationToken.None);
        await using var check = await _factory.CreateDbContextAsync();
        Assert.Equal(Redaction.Marker, (await check.Messages.SingleAsync()).Text);
    }

    private RetentionSweeper Sweeper(RetentionOptions options) => new(_factory, new StaticOptions(options), _clock);

    private async Task<Guid> ConversationAsync(string externalId, DateTime at, bool resolvedCase = false, bool openCase = false)
    {
        await using var db = await _factory.CreateDbContextAsync();
        var integration = await db.Integrations.FirstOrDefaultAsync() ?? new AgentConsole.Core.Integrations.Integration("bot", "0123456789abcdef", at);
        if (db.Entry(integration).State == EntityState.Detached) db.Add(integration);
        var conversation = new Conversation(integration.Id, externalId, "web", at);
        db.Add(conversation.AddMessage(MessageAuthor.Customer, $"my account number is 99-{externalId}", at));
        db.Add(conversation);
        if (resolvedCase || openCase)
        {
            var @case = new Case(conversation, EscalationDecision.Escalated([new EscalationReason(ReasonCategory.CustomerRequest, "explicit-request", "a human please")],
                IssueCategory.Other, 0, CasePriority.Low, Skill.Technical, AgentTier.Frontline, 0, SentimentTrend.Steady), $"Briefing for {externalId}", at);
            @case.Queue(at);
            db.Add(@case);
            await db.SaveChangesAsync();
            if (resolvedCase)
            {
                // Resolved straight from the queue, with the routing engine's own rule set aside: a closed case of long ago.
                await db.Database.ExecuteSqlAsync($"""UPDATE "Cases" SET "Status" = 'Resolved', "ResolvedAt" = {at} WHERE "Id" = {@case.Id}""");
            }
        }
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    private sealed class StaticOptions(RetentionOptions value) : IOptionsMonitor<RetentionOptions>
    {
        public RetentionOptions CurrentValue => value;
        public RetentionOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<RetentionOptions, string?> listener) => null;
    }

    public void Dispose() => _database.Dispose();
}
