using AgentConsole.Core.Data;
using AgentConsole.Hosting;

namespace AgentConsole.Cli;

/// <summary>
/// <c>dotnet run --project AgentConsole -- backup FILE [--force] [--database path]</c>: copies the
/// configured SQLite store (or the file <c>--database</c> names) to FILE with SQLite's online backup
/// API (<see cref="StoreBackup"/>), safe while the app runs and writes. It refuses to overwrite FILE
/// unless <c>--force</c> is given. It starts no web server.
/// </summary>
public static class BackupCommand
{
    private const string Usage = "usage: backup FILE [--force] [--database path/to/store.db]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (Parse(args) is not { } parsed)
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        var (target, force, database) = parsed;
        var root = RootConfiguration.Locate();
        var connectionString = database is not null ? $"Data Source={Path.GetFullPath(database)}" : SeedHistoryCommand.ConfiguredConnectionString(root);
        try
        {
            var result = await StoreBackup.CopyAsync(SqliteFiles.Resolve(connectionString, root), Path.GetFullPath(target), force, cancellationToken);
            await stdout.WriteLineAsync($"backup: wrote {result.Path} ({result.Bytes:N0} bytes, {result.Pages:N0} pages, last migration {result.LastMigration ?? "none"}) in {result.Elapsed.TotalSeconds:0.0} s");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            await stderr.WriteLineAsync($"backup: {e.Message}");
            return 1;
        }
    }

    private static (string Target, bool Force, string? Database)? Parse(string[] args)
    {
        string? target = null, database = null;
        var force = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--force": force = true; break;
                case "--database" when i + 1 < args.Length && !string.IsNullOrWhiteSpace(args[i + 1]): database = args[++i]; break;
                case var file when !file.StartsWith("--", StringComparison.Ordinal) && target is null: target = file; break;
                default: return null;
            }
        }
        return target is null ? null : (target, force, database);
    }
}
