using System.Data.Common;
using AgentConsole.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AgentConsole.Benchmarks;

/// <summary>
/// The store of a load tool's run: a SQLite file in the run's folder, or a fresh database on a
/// PostgreSQL server (the one given, else a throwaway one from <c>tools/postgres.sh</c> that ends with
/// this process), dropped when the run ends unless it is kept.
/// </summary>
public sealed class LoadStore : IAsyncDisposable
{
    private readonly string? _server;
    private readonly string? _database;

    private LoadStore(string provider, string connectionString, string description, string? server, string? database)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Description = description;
        _server = server;
        _database = database;
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    public string Description { get; }

    /// <summary>The app's settings that point it at this store.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Database:Provider"] = Provider,
        ["ConnectionStrings:AgentConsole"] = ConnectionString,
    };

    public static async Task<LoadStore> CreateAsync(EscalationLoadOptions options, string folder, CancellationToken cancellationToken)
    {
        if (!options.Postgres)
        {
            var file = Path.Combine(folder, "load.db");
            return new LoadStore(DatabaseOptions.SqliteProvider, $"Data Source={file}", file, null, null);
        }
        var server = options.PostgresServer ?? ServerScript.Start("postgres.sh");
        var database = $"agentconsole_load_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"""CREATE DATABASE "{database}" TEMPLATE template0""", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var where = new NpgsqlConnectionStringBuilder(server);
        return new LoadStore(DatabaseOptions.PostgresProvider, connectionString, $"PostgreSQL database {database} on {where.Host}:{where.Port}", server, database);
    }

    /// <summary>An open connection for the tools' own reads, read-only on SQLite (the app may be writing still).</summary>
    public async Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == DatabaseOptions.SqliteProvider
            ? new SqliteConnection($"{ConnectionString};Mode=ReadOnly;Pooling=False")
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null || _database is null) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"""DROP DATABASE IF EXISTS "{_database}" WITH (FORCE)""", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // A throwaway server may already be gone with its folder; a given one keeps an orphan database, named for the run.
        }
    }
}
