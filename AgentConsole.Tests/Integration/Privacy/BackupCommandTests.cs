using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AgentConsole.Cli;
using AgentConsole.Core.Data;
using AgentConsole.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AgentConsole.Tests.Integration.Privacy;

/// <summary>
/// The <c>backup</c> command against the app's store while the app ingests: a SQLite copy, or on
/// PostgreSQL a <c>pg_dump</c> archive, restored into a database of its own to be read.
/// </summary>
public sealed class BackupCommandTests : ApiTestBase
{
    private readonly List<string> _restored = [];

    public BackupCommandTests() : base(demoEnabled: true) { }

    private bool Postgres => DatabaseOptions.IsPostgres(Database.Provider);

    /// <summary>The command's arguments that name the test's store.</summary>
    private string[] Store => Postgres ? ["--postgres", Database.ConnectionString] : ["--database", Database.FilePath];

    [Fact]
    public async Task ABackupTakenUnderWriteLoadIsCompleteAndConsistent()
    {
        // Arrange: a bot keeps posting batches (a message, the bot's answer and a page each) to many conversations.
        var target = Path.Combine(Database.Directory, "backup.db");
        using var stop = new CancellationTokenSource();
        var posted = 0;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var response = await PostEventsAsync($"load-{i % 25}", Batch(
                    CustomerMessage($"c-{i}", $"Where is invoice {i}?", i),
                    BotMessage($"b-{i}", $"Invoice {i} was sent on Monday.", 0.9, i),
                    new JsonObject { ["id"] = $"p-{i}", ["type"] = "page.viewed", ["at"] = At(i), ["url"] = $"https://app.example.com/invoices/{i}" }));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Interlocked.Increment(ref posted);
            }
        });
        await Support.Eventually.HoldsAsync(() => Volatile.Read(ref posted) >= 20, TimeSpan.FromSeconds(60), "the bot has posted 20 batches");

        // Act: the backup, mid-stream.
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await BackupCommand.RunAsync([target, .. Store], stdout, stderr);
        var atBackup = Volatile.Read(ref posted);
        await Support.Eventually.HoldsAsync(() => Volatile.Read(ref posted) >= atBackup + 10, TimeSpan.FromSeconds(60), "the bot goes on posting after the backup");
        await stop.CancelAsync();
        await writer;

        // Assert
        Assert.True(exit == 0, stderr.ToString());
        Assert.Contains(target, stdout.ToString());
        Assert.Contains("last migration 2", stdout.ToString());
        await using var backup = await OpenBackupAsync(target);
        if (!Postgres) Assert.Equal("ok", await ScalarAsync(backup, "PRAGMA integrity_check"));
        Assert.EndsWith("_InitialCreate", (string)(await ScalarAsync(backup, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\""))!);
        var loadMessages = (long)(await ScalarAsync(backup, "SELECT COUNT(*) FROM \"Messages\" m JOIN \"Conversations\" c ON c.\"Id\" = m.\"ConversationId\" WHERE c.\"ExternalId\" LIKE 'load-%'"))!;
        Assert.InRange(loadMessages, 2 * 20, 2 * (atBackup + 1));
        // Each loaded conversation's transcript, pages and ledger came over together: no batch half in the copy.
        Assert.Equal(0L, await ScalarAsync(backup, """
            SELECT COUNT(*) FROM "Conversations" c WHERE c."ExternalId" LIKE 'load-%' AND (
              (SELECT COUNT(*) FROM "Messages" m WHERE m."ConversationId" = c."Id" AND m."EventId" IS NOT NULL)
              <> (SELECT COUNT(*) FROM "InboundEvents" e WHERE e."ConversationId" = c."Id" AND e."Type" IN ('customer.message', 'bot.message'))
              OR (SELECT COUNT(*) FROM "PageContexts" p WHERE p."ConversationId" = c."Id" AND p."EventId" IS NOT NULL)
              <> (SELECT COUNT(*) FROM "InboundEvents" e WHERE e."ConversationId" = c."Id" AND e."Type" = 'page.viewed'))
            """));
        Assert.Equal(0L, await ScalarAsync(backup, """SELECT COUNT(*) FROM "Cases" k WHERE NOT EXISTS (SELECT 1 FROM "Conversations" c WHERE c."Id" = k."ConversationId")"""));
        Assert.Equal(0L, await ScalarAsync(backup, """SELECT COUNT(*) FROM "Messages" m WHERE NOT EXISTS (SELECT 1 FROM "Conversations" c WHERE c."Id" = m."ConversationId")"""));
    }

    [Fact]
    public async Task RefusesToOverwriteAFileUnlessForced()
    {
        var target = Path.Combine(Database.Directory, "existing.db");
        await File.WriteAllTextAsync(target, "keep me");
        using (await PostEventsAsync("conv-backup", Batch(CustomerMessage("e1", "hello", 1)))) { }

        var refused = await BackupCommand.RunAsync([target, .. Store], new StringWriter(), new StringWriter());
        var kept = await File.ReadAllTextAsync(target);
        var forced = await BackupCommand.RunAsync([target, "--force", .. Store], new StringWriter(), new StringWriter());
        var usage = await BackupCommand.RunAsync([], new StringWriter(), new StringWriter());
        var both = await BackupCommand.RunAsync([target, "--database", "a.db", "--postgres", "Host=127.0.0.1"], new StringWriter(), new StringWriter());

        Assert.Equal((1, "keep me", 0, 2, 2), (refused, kept, forced, usage, both));
        await using var backup = await OpenBackupAsync(target);
        Assert.Equal(1L, await ScalarAsync(backup, """SELECT COUNT(*) FROM "Conversations" WHERE "ExternalId" = 'conv-backup'"""));
    }

    /// <summary>The backup, opened to be read: the SQLite copy itself, or the dump restored into an empty database with <c>pg_restore</c>.</summary>
    private async Task<DbConnection> OpenBackupAsync(string target)
    {
        if (!Postgres)
        {
            var file = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
            await file.OpenAsync();
            return file;
        }
        var name = "r_" + Guid.NewGuid().ToString("N");
        var connectionString = await PostgresServer.CreateEmptyDatabaseAsync(name);
        _restored.Add(name);
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        var restore = new ProcessStartInfo("pg_restore") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { $"--host={server.Host}", $"--port={server.Port}", $"--username={server.Username}", "--no-owner", "--exit-on-error", $"--dbname={name}", target })
            restore.ArgumentList.Add(argument);
        using (var process = Process.Start(restore)!)
        {
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"pg_restore failed: {error}");
        }
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var name in _restored) PostgresServer.DropDatabase(name);
        base.Dispose(disposing);
    }
}
