using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace AgentConsole.Core.Data;

/// <summary>What <see cref="StoreBackup.CopyAsync"/> or <see cref="StoreBackup.DumpPostgresAsync"/> wrote; <see cref="Contents"/> says how much (pages, or archive entries).</summary>
public sealed record StoreBackupResult(string Path, long Bytes, string Contents, string? LastMigration, TimeSpan Elapsed);

/// <summary>
/// A consistent copy of the SQLite store taken with SQLite's online backup API from a read
/// connection, so it is safe while the app writes (WAL): the copy is the store as of one moment,
/// every committed transaction before it and none after. The copy is written beside the target
/// and moved into place, so a failed backup leaves no half-written file. A PostgreSQL store is
/// dumped with <c>pg_dump</c>, whose one transaction gives the same guarantee (<see cref="DumpPostgresAsync"/>).
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
        return new StoreBackupResult(target, new FileInfo(target).Length, $"{pages:N0} pages", migration, stopwatch.Elapsed);
    }

    /// <summary>
    /// Dumps the PostgreSQL database <paramref name="connectionString"/> names to <paramref name="target"/> in
    /// <c>pg_dump</c>'s custom format (restore it with <c>pg_restore --dbname=…</c>), then reads the dump back
    /// with <c>pg_restore</c> to check it and to find its last migration. Refuses an existing file unless
    /// <paramref name="overwrite"/>.
    /// </summary>
    /// <exception cref="IOException">The target exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="InvalidOperationException"><c>pg_dump</c> or <c>pg_restore</c> is missing or failed.</exception>
    public static async Task<StoreBackupResult> DumpPostgresAsync(string connectionString, string target, bool overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        if (File.Exists(target) && !overwrite) throw new IOException($"{target} exists; pass --force to overwrite it.");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(target))!);
        var server = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(server.Database)) throw new InvalidOperationException("The PostgreSQL connection string names no Database.");

        var stopwatch = Stopwatch.StartNew();
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await RunAsync("pg_dump", server, ["--format=custom", "--no-owner", $"--file={partial}", $"--dbname={server.Database}"], cancellationToken);
            var entries = (await RunAsync("pg_restore", server, ["--list", partial], cancellationToken))
                .Split('\n').Count(line => line.Length > 0 && !line.StartsWith(';'));
            // The history table's rows as the dump holds them: one migration id per line of its COPY block.
            var history = await RunAsync("pg_restore", server, ["--data-only", "--table=__EFMigrationsHistory", "--file=-", partial], cancellationToken);
            var migration = history.Split('\n').SkipWhile(line => !line.StartsWith("COPY ", StringComparison.Ordinal)).Skip(1)
                .TakeWhile(line => line != "\\.").Select(line => line.Split('\t')[0]).Order(StringComparer.Ordinal).LastOrDefault();
            File.Move(partial, target, overwrite);
            return new StoreBackupResult(target, new FileInfo(target).Length, $"{entries:N0} archive entries", migration, stopwatch.Elapsed);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Runs one of PostgreSQL's client programs against <paramref name="server"/> and returns what it printed.</summary>
    private static async Task<string> RunAsync(string program, Npgsql.NpgsqlConnectionStringBuilder server, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (server.Host is { Length: > 0 } host) start.ArgumentList.Add($"--host={host}");
        start.ArgumentList.Add($"--port={server.Port}");
        if (server.Username is { Length: > 0 } user) start.ArgumentList.Add($"--username={user}");
        start.ArgumentList.Add("--no-password");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (server.Password is { Length: > 0 } password) start.Environment["PGPASSWORD"] = password;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed (apt-get install -y postgresql-client): {e.Message}", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {(await error).Trim()}");
            return await output;
        }
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try { return await command.ExecuteScalarAsync(cancellationToken); }
        catch (SqliteException) { return null; }
    }
}
