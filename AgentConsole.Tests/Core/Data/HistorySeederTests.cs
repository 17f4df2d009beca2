using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Data.Seeding.History;
using AgentConsole.Core.Metrics;
using AgentConsole.Tests.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentConsole.Tests.Core.Data;

/// <summary>The generated history obeys the engine's rules, reads back through the model, and is the same for the same seed, on the run's store (SQLite or PostgreSQL).</summary>
public sealed class HistorySeederTests
{
    private static readonly DateTime End = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private static readonly HistorySeedOptions Small = new(Cases: 300, Days: 20, Seed: 7, End);

    [Fact]
    public async Task SeedsTheAskedNumberOfResolvedCasesAndBotOnlyConversationsInTheRange()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();

        // Act
        var result = await new HistorySeeder(h.DbFactory).SeedAsync(Small);

        // Assert
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var cases = await db.Cases.AsNoTracking().Include(c => c.Events).Include(c => c.Flags).ToListAsync();
        Assert.Equal(300, cases.Count);
        Assert.Equal(750, result.Conversations);
        Assert.Equal(750, await db.Conversations.CountAsync(c => c.ExternalId.StartsWith("history-")));
        Assert.All(cases, c =>
        {
            Assert.Equal(CaseStatus.Resolved, c.Status);
            Assert.True(c.ResolvedAt < End, $"Case {c.Id} resolves at {c.ResolvedAt}, after the history ends.");
            Assert.True(c.OpenedAt >= End.AddDays(-20));
            Assert.NotEmpty(c.Reasons);
            Assert.NotNull(c.ResolvedCategory);
        });
        Assert.InRange(await db.ChatRatings.CountAsync(), 1, 750);
        Assert.True(cases.Any(c => c.Events.Any(e => e.Type == CaseEventType.Transferred)), "No case was transferred.");
        Assert.True(cases.Any(c => c.Events.Any(e => e.Type == CaseEventType.Declined)), "No offer was declined.");
    }

    [Fact]
    public async Task EveryCaseLogFollowsTheEnginesTransitionsAndNoAgentIsEverAboveCapacity()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await new HistorySeeder(h.DbFactory).SeedAsync(Small);

        // Act
        await h.StartAsync();

        // Assert
        await h.AssertInvariantsAsync();
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var cases = await db.Cases.AsNoTracking().Include(c => c.Events).ToListAsync();
        var capacity = await db.Agents.AsNoTracking().ToDictionaryAsync(a => a.Id.ToString(), a => a.Capacity);
        var holds = new List<(string Agent, DateTime From, DateTime To)>();
        foreach (var @case in cases) holds.AddRange(ReplayedHolds(@case));
        foreach (var agentHolds in holds.GroupBy(x => x.Agent))
        {
            foreach (var (_, from, _) in agentHolds)
            {
                var atOnce = agentHolds.Count(x => x.From <= from && x.To > from);
                Assert.True(atOnce <= capacity[agentHolds.Key], $"Agent {agentHolds.Key} held {atOnce} cases at {from:O}, capacity {capacity[agentHolds.Key]}.");
            }
        }
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameFigures()
    {
        // Arrange
        await using var first = await EngineHarness.CreateAsync();
        await using var second = await EngineHarness.CreateAsync();
        await new HistorySeeder(first.DbFactory).SeedAsync(Small);
        await new HistorySeeder(second.DbFactory).SeedAsync(Small);
        var filter = new MetricsFilter(DateOnly.FromDateTime(End.AddDays(-20)), DateOnly.FromDateTime(End), TimeZoneInfo.Utc);

        // Act
        var a = await new HistoryMetrics(first.DbFactory, Options.Create(ShippedSettings.Metrics())).ReportAsync(filter);
        var b = await new HistoryMetrics(second.DbFactory, Options.Create(ShippedSettings.Metrics())).ReportAsync(filter);

        // Assert
        Assert.Equal(750, a.EscalationRate.Overall.Of);
        Assert.Equal(300, a.EscalationRate.Overall.Count);
        Assert.Equal(Figures(a), Figures(b));
    }

    [Fact]
    public async Task RefusesAStoreThatAlreadyHoldsAGeneratedHistory()
    {
        await using var h = await EngineHarness.CreateAsync();
        var seeder = new HistorySeeder(h.DbFactory);
        await seeder.SeedAsync(Small with { Cases = 10 });

        await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.SeedAsync(Small with { Cases = 10 }));
        await using var db = await h.DbFactory.CreateDbContextAsync();
        Assert.Equal(10, await db.Cases.CountAsync());
    }

    private static string Figures(HistoryReport r) =>
        JsonSerializer.Serialize(new { r.EscalationRate, r.TimeToEscalate, r.ResolutionTime, r.Csat, r.Bottlenecks });

    /// <summary>
    /// Replays a case's log as the engine moves a case: offered only when queued, accepted or declined only by the agent
    /// offered, transferred or resolved only when assigned. Returns each agent's holds (offer or assignment to its end).
    /// </summary>
    private static IEnumerable<(string Agent, DateTime From, DateTime To)> ReplayedHolds(Case @case)
    {
        var log = @case.Events.OrderBy(e => e.Id).ToList();
        Assert.Equal(CaseEventType.Escalated, log[0].Type);
        Assert.Equal(CaseEventType.Resolved, log[^1].Type);
        var status = CaseStatus.Escalated;
        (string Agent, DateTime From)? holder = null;
        var previous = log[0].At;
        foreach (var e in log)
        {
            Assert.True(e.At >= previous, $"Case {@case.Id}'s log goes back in time at event {e.Id}.");
            previous = e.At;
            switch (e.Type)
            {
                case CaseEventType.Queued:
                    if (holder is { } h) yield return (h.Agent, h.From, e.At);
                    holder = null;
                    status = CaseStatus.Queued;
                    break;
                case CaseEventType.Offered:
                    Assert.Equal(CaseStatus.Queued, status);
                    holder = (e.Detail!, e.At);
                    status = CaseStatus.Offered;
                    break;
                case CaseEventType.Accepted:
                    Assert.Equal(CaseStatus.Offered, status);
                    Assert.Equal(holder!.Value.Agent, e.Detail);
                    status = CaseStatus.Assigned;
                    break;
                case CaseEventType.Declined or CaseEventType.TimedOut:
                    Assert.Equal(CaseStatus.Offered, status);
                    break;
                case CaseEventType.Transferred:
                    Assert.Equal(CaseStatus.Assigned, status);
                    break;
                case CaseEventType.Reassigned:
                    Assert.Equal(CaseStatus.Assigned, status);
                    yield return (holder!.Value.Agent, holder.Value.From, e.At);
                    holder = (e.Detail!, e.At);
                    break;
                case CaseEventType.Replied or CaseEventType.Flagged:
                    Assert.Equal(CaseStatus.Assigned, status);
                    break;
                case CaseEventType.Resolved:
                    Assert.Equal(CaseStatus.Assigned, status);
                    yield return (holder!.Value.Agent, holder.Value.From, e.At);
                    status = CaseStatus.Resolved;
                    break;
            }
        }
    }
}
