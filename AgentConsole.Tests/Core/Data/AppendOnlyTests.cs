using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Tests.Core.Data;

public sealed class AppendOnlyTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private readonly TempDatabase _database = new();
    private readonly PooledDbContextFactory<AgentConsoleDbContext> _factory;

    public AppendOnlyTests() =>
        _factory = new(new DbContextOptionsBuilder<AgentConsoleDbContext>().UseSqlite(_database.ConnectionString).Options);

    [Fact]
    public async Task TheContextRefusesToChangeOrDeleteCaseEvents()
    {
        await DatabaseInitializer.MigrateAsync(_factory);
        await using (var db = await _factory.CreateDbContextAsync())
        {
            var integration = new AgentConsole.Core.Integrations.Integration("bot", "0123456789abcdef", Now);
            var conversation = new Conversation(integration.Id, "c1", "web", Now);
            db.AddRange(integration, conversation, new Case(conversation, EscalationDecision.Escalated([], IssueCategory.Other, 0, CasePriority.Low, Skill.Technical, AgentTier.Frontline, 0, SentimentTrend.Steady), "b", Now));
            await db.SaveChangesAsync();
        }

        await using var context = await _factory.CreateDbContextAsync();
        var entry = await context.CaseEvents.FirstAsync();
        context.Remove(entry);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
        Assert.Contains("append-only", error.Message);
    }

    [Fact]
    public async Task UtcTimesComeBackAsUtc()
    {
        await DatabaseInitializer.MigrateAsync(_factory);
        await using (var db = await _factory.CreateDbContextAsync())
        {
            db.Customers.Add(new Customer("cus-utc", Now));
            await db.SaveChangesAsync();
        }

        await using var read = await _factory.CreateDbContextAsync();
        var customer = await read.Customers.SingleAsync();

        Assert.Equal(DateTimeKind.Utc, customer.CreatedAt.Kind);
        Assert.Equal(Now, customer.CreatedAt);
    }

    public void Dispose() => _database.Dispose();
}
