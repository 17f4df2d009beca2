using AgentConsole.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Tests.Support;

/// <summary>
/// A store of its own for one test, removed afterwards: a SQLite file (with its WAL files) by
/// default, or a PostgreSQL database (<see cref="CreateAsync"/> with <see cref="DatabaseOptions.PostgresProvider"/>,
/// on <see cref="PostgresServer"/>), created already migrated.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string? _postgresName;

    public TempDatabase()
    {
        Provider = DatabaseOptions.SqliteProvider;
        Directory = Path.Combine(Path.GetTempPath(), "agentconsole-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "agentconsole.db");
        ConnectionString = $"Data Source={FilePath}";
    }

    private TempDatabase(string postgresName, string connectionString)
    {
        Provider = DatabaseOptions.PostgresProvider;
        _postgresName = postgresName;
        Directory = Path.Combine(Path.GetTempPath(), "agentconsole-tests", postgresName);
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = "";
        ConnectionString = connectionString;
    }

    /// <summary>
    /// A store on <paramref name="provider"/>. A PostgreSQL one skips the calling test when no server is
    /// available and none is required (<see cref="PostgresServer"/>).
    /// </summary>
    public static async Task<TempDatabase> CreateAsync(string provider)
    {
        if (!DatabaseOptions.IsPostgres(provider)) return new TempDatabase();
        var name = "t_" + Guid.NewGuid().ToString("N");
        return new TempDatabase(name, await PostgresServer.CreateDatabaseAsync(name));
    }

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
