using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Tests.Core.Data;

/// <summary>The history tables refuse rewrites in the context and in the store itself, on each provider.</summary>
public sealed class AppendOnlyTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private TempDatabase _database = null!;
    private PooledDbContextFactory<AgentConsoleDbContext> _factory = null!;

    private async Task OnAsync(string provider)
    {
        _database = await TempDatabase.CreateAsync(provider);
        _factory = _database.CreateFactory();
    }

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task TheContextRefusesToChangeOrDeleteCaseEvents(string provider)
    {
        await OnAsync(provider);
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

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task TheContextRefusesToChangeOrDeleteAuditEntries(string provider)
    {
        await OnAsync(provider);
        await DatabaseInitializer.MigrateAsync(_factory);
        await using (var db = await _factory.CreateDbContextAsync())
        {
            AgentConsole.Core.Audit.AuditTrail.Record(db, TestActors.Admin, AgentConsole.Core.Audit.AuditActions.UserLocked, "someone@example.com", new { userId = "u1" }, Now);
            await db.SaveChangesAsync();
        }

        await using var context = await _factory.CreateDbContextAsync();
        context.Remove(await context.AuditEntries.FirstAsync());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
        Assert.Contains("append-only", error.Message);
    }

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task OneMigrationBuildsAnEmptyStoreWhoseHistoryTablesRefuseUpdateAndDelete(string provider)
    {
        await OnAsync(provider);
        await DatabaseInitializer.MigrateAsync(_factory);
        await using (var db = await _factory.CreateDbContextAsync())
        {
            Assert.Equal(["InitialCreate"], (await db.Database.GetAppliedMigrationsAsync()).Select(id => id[(id.IndexOf('_') + 1)..]));
            var integration = new AgentConsole.Core.Integrations.Integration("bot", "0123456789abcdef", Now);
            var conversation = new Conversation(integration.Id, "c1", "web", Now);
            db.AddRange(integration, conversation, new Case(conversation, EscalationDecision.Escalated([], IssueCategory.Other, 0, CasePriority.Low, Skill.Technical, AgentTier.Frontline, 0, SentimentTrend.Steady), "b", Now));
            db.Add(new InboundEvent(conversation.Id, "e1", "customer.message", Now, Now, "{}"));
            db.Add(new AgentConsole.Core.Settings.SettingChange("Triggers:Threshold", "0.5", "0.6", false, "admin", Now));
            AgentConsole.Core.Audit.AuditTrail.Record(db, TestActors.Admin, AgentConsole.Core.Audit.AuditActions.UserLocked, "someone@example.com", null, Now);
            await db.SaveChangesAsync();
        }

        // Raw SQL, past the context's own check: the store itself refuses, whoever asks.
        await using var raw = await _factory.CreateDbContextAsync();
        (string Table, string Update)[] history =
        [
            ("CaseEvents", "UPDATE \"CaseEvents\" SET \"Id\" = \"Id\""),
            ("InboundEvents", "UPDATE \"InboundEvents\" SET \"Id\" = \"Id\""),
            ("SettingChanges", "UPDATE \"SettingChanges\" SET \"Id\" = \"Id\""),
            ("AuditEntries", "UPDATE \"AuditEntries\" SET \"ActorName\" = 'someone else'"),
            // An erasure may blank a detail to the redaction payload, and to nothing else, and touch no other column with it.
            ("AuditEntries", "UPDATE \"AuditEntries\" SET \"Detail\" = '{{\"note\":\"rewritten\"}}'"),
            ("AuditEntries", "UPDATE \"AuditEntries\" SET \"Detail\" = '{{\"erased\":true}}', \"Target\" = 'x'"),
        ];
        foreach (var (table, update) in history)
        {
            var count = "SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM \"" + table + "\"";
            Assert.True(await raw.Database.SqlQueryRaw<int>(count).SingleAsync() > 0, $"{table} has a row to test with");
            var updateError = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => raw.Database.ExecuteSqlRawAsync(update));
            Assert.Contains($"{table} is append-only", updateError.Message);
            var delete = "DELETE FROM \"" + table + "\"";
            var deleteError = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => raw.Database.ExecuteSqlRawAsync(delete));
            Assert.Contains($"{table} is append-only", deleteError.Message);
        }
    }

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task AStoreFromAPreReleaseSchemaIsRefusedWithAClearErrorAndLeftAlone(string provider)
    {
        await OnAsync(provider);
        await DatabaseInitializer.MigrateAsync(_factory);
        await using (var db = await _factory.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('20261125220306_InitialSchema', '10.0.15')");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseInitializer.MigrateAsync(_factory));

        Assert.Contains("20261125220306_InitialSchema", error.Message);
        Assert.Contains("Delete the database file", error.Message);
        await using var read = await _factory.CreateDbContextAsync();
        Assert.Equal(2, (await read.Database.GetAppliedMigrationsAsync()).Count());
    }

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task EachProvidersMigrationBuildsTheModelAsItIs(string provider)
    {
        await OnAsync(provider);
        await using var db = await _factory.CreateDbContextAsync();

        Assert.False(db.Database.HasPendingModelChanges(), $"the {provider} migration is behind the model: run tools/regenerate-migration.sh");
        Assert.Equal(DatabaseOptions.IsPostgres(provider) ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
    }

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task UtcTimesComeBackAsUtc(string provider)
    {
        await OnAsync(provider);
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

    public void Dispose() => _database?.Dispose();
}
