using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace AgentConsole.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests create their databases on:
/// <list type="bullet">
/// <item><c>AGENTCONSOLE_TEST_POSTGRES</c>, a connection string to a server where the tests may create and drop databases (CI starts one with <c>tools/postgres.sh</c>);</item>
/// <item>else, when PostgreSQL's server programs are installed, a throwaway cluster this test run starts with <c>tools/postgres.sh</c> on a free loopback port, stopped when the test process ends;</item>
/// <item>else none: the tests that need it skip, saying why, unless <c>AGENTCONSOLE_REQUIRE_POSTGRES=1</c> (set in CI), where they fail.</item>
/// </list>
/// Every test database is a copy of one template migrated once per run, so a test's store is ready in a fraction of a migration.
/// </summary>
internal static class PostgresServer
{
    public const string ConnectionVariable = "AGENTCONSOLE_TEST_POSTGRES";
    public const string RequireVariable = "AGENTCONSOLE_REQUIRE_POSTGRES";
    private const string Template = "agentconsole_template";

    private static readonly Lazy<string> Server = new(Start);
    private static readonly Lazy<Task> Templated = new(MigrateTemplateAsync);
    private static readonly SemaphoreSlim Creating = new(1, 1);

    /// <summary>Why the tests cannot have a server, or null when they can.</summary>
    public static string? Unavailable =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } || FindPrograms() is not null ? null
        : $"PostgreSQL is not available: set {ConnectionVariable} or install Debian's postgresql package.";

    /// <summary>Whether a missing server fails the tests rather than skipping them (CI).</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Skips the calling test when there is no server and none is required.</summary>
    public static void SkipIfUnavailable()
    {
        if (Unavailable is { } why && !Required) throw new Xunit.SkipException(why);
        if (Unavailable is { } missing) throw new InvalidOperationException($"{missing} ({RequireVariable}=1 makes this a failure.)");
    }

    /// <summary>Creates a database of its own, already migrated, and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        SkipIfUnavailable();
        await Templated.Value;
        await Creating.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(Server.Value);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"""CREATE DATABASE "{name}" TEMPLATE {Template}""", connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            Creating.Release();
        }
        return new NpgsqlConnectionStringBuilder(Server.Value) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a test's database, closing whatever still uses it.</summary>
    public static void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Server.Value);
        connection.Open();
        using var command = new NpgsqlCommand($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""", connection);
        command.ExecuteNonQuery();
    }

    private static async Task MigrateTemplateAsync()
    {
        await using (var connection = new NpgsqlConnection(Server.Value))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Template} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Template}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var options = new DbContextOptionsBuilder<AgentConsoleDbContext>();
        StoreConfiguration.UsePostgres(options, new NpgsqlConnectionStringBuilder(Server.Value) { Database = Template, Pooling = false }.ConnectionString);
        await DatabaseInitializer.MigrateAsync(new PooledDbContextFactory<AgentConsoleDbContext>(options.Options));
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } given) return given;
        var data = Path.Combine(Path.GetTempPath(), "agentconsole-tests", "postgres-" + Guid.NewGuid().ToString("N"));
        // The script's watchdog stops the cluster and removes its folder once this process has ended, however it ends.
        return Run("start", data, FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Trim();
    }

    private static string Run(params string[] args)
    {
        var script = Path.Combine(RepositoryRoot(), "tools", "postgres.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"tools/postgres.sh {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}");
        return output.Result;
    }

    private static string? FindPrograms() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "initdb")).FirstOrDefault(File.Exists)
            : null;

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "AgentConsole.sln"))) return folder.FullName;
        throw new InvalidOperationException("The repository root (AgentConsole.sln) is not above the test assembly.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
