using AgentConsole.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Tests.Support;

/// <summary>
/// A store of its own for one test, removed afterwards: a SQLite file (with its WAL files), or a
/// PostgreSQL database on <see cref="PostgresServer"/>, created already migrated. A test that names
/// no provider gets <see cref="DefaultProvider"/>: CI runs the suite once on each.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    /// <summary>The variable that names the provider of the stores that tests do not choose: <c>Sqlite</c> (the default) or <c>Postgres</c>.</summary>
    public const string StoreVariable = "AGENTCONSOLE_TEST_STORE";

    private readonly string? _postgresName;

    /// <summary>A store on <see cref="DefaultProvider"/>.</summary>
    public TempDatabase() : this(DefaultProvider)
    {
    }

    private TempDatabase(string provider)
    {
        if (DatabaseOptions.IsPostgres(provider))
        {
            var name = "t_" + Guid.NewGuid().ToString("N");
            (_postgresName, Provider, FilePath) = (name, DatabaseOptions.PostgresProvider, "");
            // A constructor cannot await; the server's CREATE DATABASE takes a few milliseconds.
            ConnectionString = Task.Run(() => PostgresServer.CreateDatabaseAsync(name)).GetAwaiter().GetResult();
            Directory = Path.Combine(Path.GetTempPath(), "agentconsole-tests", name);
            System.IO.Directory.CreateDirectory(Directory);
            return;
        }
        Provider = DatabaseOptions.SqliteProvider;
        Directory = Path.Combine(Path.GetTempPath(), "agentconsole-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "agentconsole.db");
        ConnectionString = $"Data Source={FilePath}";
    }

    /// <summary>
    /// A store on <paramref name="provider"/>. A PostgreSQL one skips the calling test when no server is
    /// available and none is required (<see cref="PostgresServer"/>).
    /// </summary>
    public static Task<TempDatabase> CreateAsync(string provider) => Task.FromResult(new TempDatabase(provider));

    /// <summary>A SQLite store whatever <see cref="DefaultProvider"/> says: for a test of SQLite's own machinery (its file, its write gate).</summary>
    public static TempDatabase OnSqlite() => new(DatabaseOptions.SqliteProvider);

    /// <summary>The provider of the stores that tests do not choose, from <see cref="StoreVariable"/>.</summary>
    public static string DefaultProvider =>
        DatabaseOptions.IsPostgres(System.Environment.GetEnvironmentVariable(StoreVariable) ?? "") ? DatabaseOptions.PostgresProvider : DatabaseOptions.SqliteProvider;

    /// <summary>Whether the stores that tests do not choose are on PostgreSQL.</summary>
    public static bool DefaultIsPostgres => DatabaseOptions.IsPostgres(DefaultProvider);

    /// <summary>The providers a test that runs on both takes, as theory data.</summary>
    public static TheoryData<string> Providers => new(DatabaseOptions.SqliteProvider, DatabaseOptions.PostgresProvider);

    /// <summary><c>Sqlite</c> or <c>Postgres</c>.</summary>
    public string Provider { get; }

    /// <summary>A folder of the test's own, for files beside the store.</summary>
    public string Directory { get; }

    /// <summary>The SQLite file; empty for PostgreSQL.</summary>
    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>A context factory for this store, configured as the app configures its store (with a write gate of its own on SQLite).</summary>
    public PooledDbContextFactory<AgentConsoleDbContext> CreateFactory()
    {
        var options = new DbContextOptionsBuilder<AgentConsoleDbContext>();
        StoreConfiguration.Configure(options, Provider, ConnectionString, Directory);
        return new PooledDbContextFactory<AgentConsoleDbContext>(options.Options);
    }

    public void Dispose()
    {
        if (_postgresName is not null) PostgresServer.DropDatabase(_postgresName);
        else SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a pooled handle may linger on some platforms; the temp folder is disposable anyway */ }
    }
}
