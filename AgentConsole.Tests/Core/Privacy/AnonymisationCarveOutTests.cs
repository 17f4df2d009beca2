using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Privacy;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Integration.Privacy;
using AgentConsole.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Tests.Core.Privacy;

/// <summary>The append-only triggers' one exception: an anonymisation may blank the ledger's payload and the case log's notes, nothing else.</summary>
public sealed class AnonymisationCarveOutTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private readonly TempDatabase _database = new();
    private readonly PooledDbContextFactory<AgentConsoleDbContext> _factory;

    public AnonymisationCarveOutTests() =>
        _factory = new(new DbContextOptionsBuilder<AgentConsoleDbContext>().UseSqlite(_database.ConnectionString).Options);

    [Fact]
    public async Task TheLedgerAllowsOnlyItsPayloadToBecomeTheRedactionPayload()
    {
        await SeedAsync();

        await RefusedAsync("UPDATE InboundEvents SET Payload = '{\"text\":\"tampered\"}'", "InboundEvents");
        foreach (var column in await OtherColumnsAsync("InboundEvents", "Payload"))
            await RefusedAsync($"UPDATE InboundEvents SET \"{column}\" = COALESCE(\"{column}\" + 1, 1), Payload = '{Redaction.Payload}'", "InboundEvents");
        await RefusedAsync("DELETE FROM InboundEvents", "InboundEvents");
        await ExecuteAsync($"UPDATE InboundEvents SET Payload = '{Redaction.Payload}'");

        Assert.Equal(Redaction.Payload, await ScalarAsync("SELECT Payload FROM InboundEvents"));
    }

    [Fact]
    public async Task TheCaseLogAllowsOnlyItsCommentAndDetailToBecomeTheMarker()
    {
        await SeedAsync();

        await RefusedAsync("UPDATE CaseEvents SET Comment = 'tampered'", "CaseEvents");
        await RefusedAsync("UPDATE CaseEvents SET Detail = 'tampered'", "CaseEvents");
        await RefusedAsync("UPDATE CaseEvents SET Id = Id", "CaseEvents");
        foreach (var column in await OtherColumnsAsync("CaseEvents", "Comment", "Detail"))
            await RefusedAsync($"UPDATE CaseEvents SET \"{column}\" = COALESCE(\"{column}\" + 1, 1), Comment = '{Redaction.Marker}'", "CaseEvents");
        await RefusedAsync("DELETE FROM CaseEvents", "CaseEvents");
        await ExecuteAsync($"UPDATE CaseEvents SET Comment = '{Redaction.Marker}', Detail = '{Redaction.Marker}'");

        Assert.Equal(Redaction.Marker, await ScalarAsync("SELECT DISTINCT Comment FROM CaseEvents"));
    }

    [Fact]
    public async Task TheErasureRecordsRefuseUpdateAndDelete()
    {
        await SeedAsync();
        await using (var db = await _factory.CreateDbContextAsync())
        {
            db.Erasures.Add(new ErasureRecord(ErasureKind.Retention, RetentionSweeper.Actor, null, 1, 3, Now));
            await db.SaveChangesAsync();
        }

        await RefusedAsync("UPDATE Erasures SET Rows = 0", "Erasures");
        await RefusedAsync("DELETE FROM Erasures", "Erasures");
    }

    private async Task SeedAsync()
    {
        await DatabaseInitializer.MigrateAsync(_factory);
        await using var db = await _factory.CreateDbContextAsync();
        var integration = new AgentConsole.Core.Integrations.Integration("bot", "0123456789abcdef", Now);
        var conversation = new Conversation(integration.Id, "c1", "web", Now);
        var @case = new Case(conversation, EscalationDecision.Escalated([], IssueCategory.Other, 0, CasePriority.Low, Skill.Technical, AgentTier.Frontline, 0,
            SentimentTrend.Steady), "b", Now);
        @case.Queue(Now, comment: "the customer said their card is 4111");
        db.AddRange(integration, conversation, @case);
        db.Add(new InboundEvent(conversation.Id, "e1", "customer.message", Now, Now, """{"text":"my card is 4111"}"""));
        await db.SaveChangesAsync();
    }

    private async Task<IReadOnlyList<string>> OtherColumnsAsync(string table, params string[] allowed)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        var columns = (await StoreText.ColumnsAsync(connection, table)).Except(allowed).ToList();
        Assert.NotEmpty(columns);
        return columns;
    }

    private async Task RefusedAsync(string sql, string table)
    {
        var error = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(sql));
        Assert.Contains($"{table} is append-only", error.Message);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose() => _database.Dispose();
}
