using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace AgentConsole.Core.Data;

/// <summary>What <see cref="StoreBackup.CopyAsync"/> wrote.</summary>
public sealed record StoreBackupResult(string Path, long Bytes, long Pages, string? LastMigration, TimeSpan Elapsed);

/// <summary>
/// A consistent copy of the SQLite store taken with SQLite's online backup API from a read
/// connection, so it is safe while the app writes (WAL): the copy is the store as of one moment,
/// every committed transaction before it and none after. The copy is written beside the target
/// and moved into place, so a failed backup leaves no half-written file.
/// </summary>
public static class StoreBackup
{
    /// <summary>Copies the store <paramref name="connectionString"/> names to <paramref name="target"/>; refuses an existing file unless <paramref name="overwrite"/>.</summary>
    /// <exception cref="IOException">The target exists and <paramref name="overwrite"/> is false.</exception>
    public static async Task<StoreBackupResult> CopyAsync(string connectionString, string target, bool overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var source = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        if (!File.Exists(source.DataSource)) throw new InvalidOperationException($"There is no store at {source.DataSource}.");
        if (File.Exists(target) && !overwrite) throw new IOException($"{target} exists; pass --force to overwrite it.");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(target))!);

        var stopwatch = Stopwatch.StartNew();
        var partial = target + ".partial";
        File.Delete(partial);
        await using (var from = new SqliteConnection(source.ToString()))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await from.OpenAsync(cancellationToken);
            await to.OpenAsync(cancellationToken);
            // One step copies every page under one read transaction: the copy is one snapshot even while writers commit to the WAL.
            from.BackupDatabase(to);
            // The copy is a plain file: no WAL beside it to lose when it is moved.
            await using var journal = to.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode = DELETE";
            await journal.ExecuteNonQueryAsync(cancellationToken);
        }
        File.Move(partial, target, overwrite);

        await using var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await check.OpenAsync(cancellationToken);
        var pages = Convert.ToInt64(await Scalar(check, "PRAGMA page_count", cancellationToken));
        var migration = await Scalar(check, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1", cancellationToken) as string;
        return new StoreBackupResult(target, new FileInfo(target).Length, pages, migration, stopwatch.Elapsed);
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try { return await command.ExecuteScalarAsync(cancellationToken); }
        catch (SqliteException) { return null; }
    }
}
