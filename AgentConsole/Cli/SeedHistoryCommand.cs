using System.Globalization;
using AgentConsole.Core.Data;
using AgentConsole.Core.Data.Seeding.History;
using AgentConsole.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Cli;

/// <summary>
/// <c>dotnet run --project AgentConsole -- seed-history --cases 100000 [--database path] [--days 365] [--seed N]</c>:
/// migrates the store (the configured one, SQLite or PostgreSQL, or the SQLite file <c>--database</c> names) and adds a
/// generated history of that many cases over that many days, ending now (see <see cref="HistorySeeder"/>).
/// It starts no web server; progress goes to stderr, the summary to stdout.
/// </summary>
public static class SeedHistoryCommand
{
    private const string Usage = "usage: seed-history --cases N [--database path/to/file.db] [--days 365] [--seed 1]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (Parse(args) is not { } parsed)
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        var (cases, days, seed, database) = parsed;
        var options = new HistorySeedOptions(cases, days, seed, (time ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"seed-history: {e.Message}");
            return 2;
        }

        var root = RootConfiguration.Locate();
        var (store, connectionString) = database is not null ? (DatabaseOptions.SqliteProvider, $"Data Source={Path.GetFullPath(database)}") : ConfiguredStore(root);
        var builder = new DbContextOptionsBuilder<AgentConsoleDbContext>();
        StoreConfiguration.Configure(builder, store, connectionString, root);
        var factory = new PooledDbContextFactory<AgentConsoleDbContext>(builder.Options);
        await DatabaseInitializer.MigrateAsync(factory, cancellationToken);
        try
        {
            var result = await new HistorySeeder(factory).SeedAsync(options, new Progress<string>(line => stderr.WriteLine($"seed-history: {line}")), cancellationToken);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"seed-history: {result.Cases:N0} cases in {result.Conversations:N0} conversations from {result.From:yyyy-MM-dd} to {result.To:yyyy-MM-dd} (seed {seed}) in {result.Elapsed.TotalSeconds:0.0} s"));
            return 0;
        }
        catch (InvalidOperationException e)
        {
            await stderr.WriteLineAsync($"seed-history: {e.Message}");
            return 1;
        }
    }

    private static (int Cases, int Days, int Seed, string? Database)? Parse(string[] args)
    {
        int? cases = null;
        var (days, seed) = (365, 1);
        string? database = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) return null;
            var value = args[i + 1];
            switch (args[i])
            {
                case "--cases" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n): cases = n; break;
                case "--days" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d): days = d; break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s): seed = s; break;
                case "--database" when !string.IsNullOrWhiteSpace(value): database = value; break;
                default: return null;
            }
        }
        return cases is { } c ? (c, days, seed, database) : null;
    }

    /// <summary>The store's connection string from the root <c>appsettings.json</c> and the environment, as the app reads it.</summary>
    /// <summary>The store the app is configured with: <c>Database:Provider</c> and <c>ConnectionStrings:AgentConsole</c>, from the root file and the environment.</summary>
    internal static (string Provider, string ConnectionString) ConfiguredStore(string root)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        return (configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] ?? DatabaseOptions.SqliteProvider,
            configuration.GetConnectionString("AgentConsole") ?? throw new InvalidOperationException("ConnectionStrings:AgentConsole is not set."));
    }
}
