using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace AgentConsole.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests create their databases on (<see cref="LocalServer"/>):
/// <c>AGENTCONSOLE_TEST_POSTGRES</c>, a connection string to a server where the tests may create
/// and drop databases, else a throwaway cluster started with <c>tools/postgres.sh</c>. Every test
/// database is a copy of one template migrated once per run, so a test's store is ready in a
/// fraction of a migration.
/// </summary>
internal static class PostgresServer
{
    public const string ConnectionVariable = "AGENTCONSOLE_TEST_POSTGRES";
    private const string Template = "agentconsole_template";

    private static readonly LocalServer Server = new("PostgreSQL", ConnectionVariable, "postgres.sh",
        Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "initdb")).FirstOrDefault(File.Exists) ?? "" : "",
        "postgresql");
    private static readonly Lazy<Task> Templated = new(MigrateTemplateAsync);
    private static readonly SemaphoreSlim Creating = new(1, 1);

    /// <summary>Creates a database of its own, already migrated, and returns its connection string; skips the test without a server.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        var server = Server.Address;
        await Templated.Value;
        await Creating.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"""CREATE DATABASE "{name}" TEMPLATE {Template}""", connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            Creating.Release();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Creates an empty database of its own (no schema), for a test to restore into, and returns its connection string.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Server.Address);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""CREATE DATABASE "{name}" TEMPLATE template0""", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Server.Address) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a test's database, closing whatever still uses it.</summary>
    public static void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Server.Address);
        connection.Open();
        using var command = new NpgsqlCommand($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""", connection);
        command.ExecuteNonQuery();
    }

    private static async Task MigrateTemplateAsync()
    {
        await using (var connection = new NpgsqlConnection(Server.Address))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Template} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Template}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var options = new DbContextOptionsBuilder<AgentConsoleDbContext>();
        StoreConfiguration.UsePostgres(options, new NpgsqlConnectionStringBuilder(Server.Address) { Database = Template, Pooling = false }.ConnectionString);
        await DatabaseInitializer.MigrateAsync(new PooledDbContextFactory<AgentConsoleDbContext>(options.Options));
    }
}
