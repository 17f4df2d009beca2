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
    private TempDatabase _database = null!;
    private PooledDbContextFactory<AgentConsoleDbContext> _factory = null!;

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task TheLedgerAllowsOnlyItsPayloadToBecomeTheRedactionPayload(string provider)
    {
        await SeedAsync(provider);

        await RefusedAsync("UPDATE \"InboundEvents\" SET \"Payload\" = '{\"text\":\"tampered\"}'", "InboundEvents");
        foreach (var change in await ChangesOfOtherColumnsAsync("InboundEvents", "Payload"))
            await RefusedAsync($"UPDATE \"InboundEvents\" SET {change}, \"Payload\" = '{Redaction.Payload}'", "InboundEvents");
        await RefusedAsync("DELETE FROM \"InboundEvents\"", "InboundEvents");
        await ExecuteAsync($"UPDATE \"InboundEvents\" SET \"Payload\" = '{Redaction.Payload}'");

        Assert.Equal(Redaction.Payload, await ScalarAsync("SELECT \"Payload\" FROM \"InboundEvents\""));
    }

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task TheCaseLogAllowsOnlyItsCommentAndDetailToBecomeTheMarker(string provider)
    {
        await SeedAsync(provider);

        await RefusedAsync("UPDATE \"CaseEvents\" SET \"Comment\" = 'tampered'", "CaseEvents");
        await RefusedAsync("UPDATE \"CaseEvents\" SET \"Detail\" = 'tampered'", "CaseEvents");
        await RefusedAsync("UPDATE \"CaseEvents\" SET \"Id\" = \"Id\"", "CaseEvents");
        foreach (var change in await ChangesOfOtherColumnsAsync("CaseEvents", "Comment", "Detail"))
            await RefusedAsync($"UPDATE \"CaseEvents\" SET {change}, \"Comment\" = '{Redaction.Marker}'", "CaseEvents");
        await RefusedAsync("DELETE FROM \"CaseEvents\"", "CaseEvents");
        await ExecuteAsync($"UPDATE \"CaseEvents\" SET \"Comment\" = '{Redaction.Marker}', \"Detail\" = '{Redaction.Marker}'");

        Assert.Equal(Redaction.Marker, await ScalarAsync("SELECT DISTINCT \"Comment\" FROM \"CaseEvents\""));
    }

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task TheErasureRecordsRefuseUpdateAndDelete(string provider)
    {
        await SeedAsync(provider);
        await using (var db = await _factory.CreateDbContextAsync())
        {
            db.Erasures.Add(new ErasureRecord(ErasureKind.Retention, RetentionSweeper.Actor, null, 1, 3, Now));
            await db.SaveChangesAsync();
        }

        await RefusedAsync("UPDATE \"Erasures\" SET \"Rows\" = 0", "Erasures");
        await RefusedAsync("DELETE FROM \"Erasures\"", "Erasures");
    }

    private async Task SeedAsync(string provider)
    {
        _database = await TempDatabase.CreateAsync(provider);
        _factory = _database.CreateFactory();
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

    /// <summary>For each column of <paramref name="table"/> but <paramref name="allowed"/>, a SET clause that gives it another value of its type.</summary>
    private async Task<IReadOnlyList<string>> ChangesOfOtherColumnsAsync(string table, params string[] allowed)
    {
        var changes = new List<string>();
        if (_database.Provider == DatabaseOptions.SqliteProvider)
        {
            await using var connection = new SqliteConnection(_database.ConnectionString);
            await connection.OpenAsync();
            changes.AddRange((await StoreText.ColumnsAsync(connection, table)).Except(allowed).Select(c => $"\"{c}\" = COALESCE(\"{c}\" + 1, 1)"));
        }
        else
        {
            await using var db = await _factory.CreateDbContextAsync();
            var columns = await db.Database.SqlQuery<PostgresColumn>(
                $"SELECT column_name AS \"Name\", data_type AS \"Type\" FROM information_schema.columns WHERE table_name = {table}").ToListAsync();
            changes.AddRange(columns.Where(c => !allowed.Contains(c.Name)).Select(c => $"\"{c.Name}\" = " + c.Type switch
            {
                "integer" or "bigint" or "smallint" or "numeric" or "double precision" or "real" => $"COALESCE(\"{c.Name}\" + 1, 1)",
                "timestamp with time zone" => $"COALESCE(\"{c.Name}\", now()) + interval '1 second'",
                "uuid" => "gen_random_uuid()",
                "boolean" => $"NOT COALESCE(\"{c.Name}\", false)",
                _ => $"CASE WHEN \"{c.Name}\" = 'a' THEN 'b' ELSE 'a' END",
            }));
        }
        Assert.NotEmpty(changes);
        return changes;
    }

    private sealed record PostgresColumn(string Name, string Type);

    private async Task RefusedAsync(string sql, string table)
    {
        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteAsync(sql));
        Assert.Contains($"{table} is append-only", error.Message);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = await _factory.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var db = await _factory.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose() => _database?.Dispose();
}
