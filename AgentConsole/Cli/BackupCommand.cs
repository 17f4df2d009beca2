using AgentConsole.Core.Data;
using AgentConsole.Hosting;

namespace AgentConsole.Cli;

/// <summary>
/// <c>dotnet run --project AgentConsole -- backup FILE [--force] [--database path | --postgres connection]</c>:
/// copies the configured store (or the SQLite file <c>--database</c> names, or the PostgreSQL database
/// <c>--postgres</c> names) to FILE: a SQLite store with SQLite's online backup API, a PostgreSQL one
/// with <c>pg_dump</c> (<see cref="StoreBackup"/>), safe while the app runs and writes. It refuses to
/// overwrite FILE unless <c>--force</c> is given. It starts no web server.
/// </summary>
public static class BackupCommand
{
    private const string Usage = "usage: backup FILE [--force] [--database path/to/store.db | --postgres connection-string]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (Parse(args) is not { } parsed)
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        var (target, force, database, postgres) = parsed;
        var root = RootConfiguration.Locate();
        var (provider, connectionString) = postgres is not null ? (DatabaseOptions.PostgresProvider, postgres)
            : database is not null ? (DatabaseOptions.SqliteProvider, $"Data Source={Path.GetFullPath(database)}")
            : SeedHistoryCommand.ConfiguredStore(root);
        try
        {
            var result = DatabaseOptions.IsPostgres(provider)
                ? await StoreBackup.DumpPostgresAsync(connectionString, Path.GetFullPath(target), force, cancellationToken)
                : await StoreBackup.CopyAsync(SqliteFiles.Resolve(connectionString, root), Path.GetFullPath(target), force, cancellationToken);
            await stdout.WriteLineAsync($"backup: wrote {result.Path} ({result.Bytes:N0} bytes, {result.Contents}, last migration {result.LastMigration ?? "none"}) in {result.Elapsed.TotalSeconds:0.0} s");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            await stderr.WriteLineAsync($"backup: {e.Message}");
            return 1;
        }
    }

    private static (string Target, bool Force, string? Database, string? Postgres)? Parse(string[] args)
    {
        string? target = null, database = null, postgres = null;
        var force = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--force": force = true; break;
                case "--database" when i + 1 < args.Length && !string.IsNullOrWhiteSpace(args[i + 1]) && postgres is null: database = args[++i]; break;
                case "--postgres" when i + 1 < args.Length && !string.IsNullOrWhiteSpace(args[i + 1]) && database is null: postgres = args[++i]; break;
                case var file when !file.StartsWith("--", StringComparison.Ordinal) && target is null: target = file; break;
                default: return null;
            }
        }
        return target is null ? null : (target, force, database, postgres);
    }
}
