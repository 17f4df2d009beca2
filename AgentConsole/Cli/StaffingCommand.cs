using System.Globalization;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Staffing;
using AgentConsole.Core.Staffing.Simulation;
using AgentConsole.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace AgentConsole.Cli;

/// <summary>
/// <c>dotnet run --project AgentConsole -- staffing forecast [--team T] [--roster draft|published] [--day tomorrow|yyyy-MM-dd] [--csv FILE] [--database path]</c> and
/// <c>staffing simulate --date tomorrow|yyyy-MM-dd [--roster draft|published] [--add Team:Tier:Count]… [--on-call Name,Name] [--forecast] [--seed N] [--database path]</c>:
/// the staffing forecast and the what-if simulator over the configured store (or the SQLite file <c>--database</c> names),
/// with the app's own settings. Tables go to stdout and nothing else does; errors go to stderr (exit 2 for bad input). It starts no web server.
/// </summary>
public static class StaffingCommand
{
    private const string Usage = """
        usage: staffing forecast [--team NAME] [--roster draft|published] [--day tomorrow|yyyy-MM-dd] [--csv FILE] [--database path/to/store.db]
               staffing simulate --date tomorrow|yyyy-MM-dd [--roster draft|published] [--add Team:Tier:Count]... [--on-call Name,Name] [--forecast] [--seed N] [--database path/to/store.db]
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = args is ["forecast" or "simulate", ..] ? Options(args[1..]) : null;
        var known = args is ["forecast", ..] ? ForecastOptions : SimulateOptions;
        if (options is null || !options.Keys.All(known.Contains))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        try
        {
            // Everything the arguments can get wrong is refused before the store is opened.
            var roster = Roster(options);
            (SimulationRequest Request, GivenDay Day)? request = args[0] == "simulate" ? Request(options, roster) : null;
            var day = args[0] == "forecast" && options.GetValueOrDefault("day")?.Single() is { } dayText ? (GivenDay?)Day("--day", dayText) : null;
            await using var services = await ServicesAsync(options.GetValueOrDefault("database")?.Single(), time ?? TimeProvider.System, cancellationToken);
            // "tomorrow" is the desk's, known once its settings are read.
            var tomorrow = services.GetRequiredService<StaffingForecast>().Tomorrow;
            if (request is null) await ForecastAsync(services, options, roster, day?.OrTomorrow(tomorrow), stdout, cancellationToken);
            else await SimulateAsync(services, request.Value.Request with { Date = request.Value.Day.OrTomorrow(tomorrow) }, stdout, cancellationToken);
            return 0;
        }
        catch (Exception e) when (e is DomainException or OptionsValidationException)
        {
            await stderr.WriteLineAsync($"staffing: {e.Message}");
            return 2;
        }
    }

    private static readonly string[] ForecastOptions = ["team", "roster", "day", "csv", "database"];
    private static readonly string[] SimulateOptions = ["date", "roster", "add", "on-call", "forecast", "seed", "database"];

    private static async Task ForecastAsync(ServiceProvider services, Dictionary<string, List<string>> options, RosterVersion roster, DateOnly? day,
        TextWriter stdout, CancellationToken cancellationToken)
    {
        var forecast = services.GetRequiredService<StaffingForecast>();
        Guid? team = null;
        if (options.GetValueOrDefault("team")?.Single() is { } name)
        {
            var match = (await forecast.TeamsAsync(cancellationToken: cancellationToken))
                .FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase) || t.Id.ToString() == name);
            team = match.Id != Guid.Empty ? match.Id : throw new RoutingNotFoundException($"No team is named '{name}'.");
        }
        var report = await forecast.ForecastAsync(team, roster, cancellationToken);
        if (options.GetValueOrDefault("csv")?.Single() is { } file) await File.WriteAllTextAsync(Path.GetFullPath(file), ForecastCsv.Write(report), cancellationToken);
        await StaffingTables.ForecastAsync(report, day, stdout);
    }

    private static async Task SimulateAsync(ServiceProvider services, SimulationRequest request, TextWriter stdout, CancellationToken cancellationToken)
    {
        var report = await services.GetRequiredService<StaffingSimulation>().SimulateAsync(request, cancellationToken);
        await StaffingTables.SimulationAsync(report, services.GetRequiredService<IOptions<MetricsOptions>>().Value.DeskTimeZone, stdout);
    }

    // A day as given: a date, or tomorrow (null) until the desk's time zone is known.
    private readonly record struct GivenDay(DateOnly? Date)
    {
        public DateOnly OrTomorrow(DateOnly tomorrow) => Date ?? tomorrow;
    }

    private static GivenDay Day(string option, string text) =>
        text == "tomorrow" ? new GivenDay(null)
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? new GivenDay(date)
        : throw new DomainException($"Give the day as {option} tomorrow or {option} yyyy-MM-dd, not '{text}'.");

    private static (SimulationRequest Request, GivenDay Day) Request(Dictionary<string, List<string>> options, RosterVersion roster)
    {
        if (options.GetValueOrDefault("date")?.Single() is not { } text)
            throw new DomainException("Give the day to simulate as --date tomorrow or --date yyyy-MM-dd.");
        var day = Day("--date", text);
        var seed = 1;
        if (options.GetValueOrDefault("seed")?.Single() is { } s && !int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
            throw new DomainException($"--seed takes a whole number, not '{s}'.");
        return (new SimulationRequest(day.Date ?? default, roster, options.ContainsKey("forecast"), seed)
        {
            Add = [.. (options.GetValueOrDefault("add") ?? []).Select(RosterChange.Parse)],
            OnCall = options.GetValueOrDefault("on-call")?.Single().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        }, day);
    }

    /// <summary>The staffing services over the store, with the app's root settings, and the store migrated.</summary>
    private static async Task<ServiceProvider> ServicesAsync(string? database, TimeProvider time, CancellationToken cancellationToken)
    {
        var root = RootConfiguration.Locate();
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var (store, connectionString) = database is not null ? (DatabaseOptions.SqliteProvider, $"Data Source={Path.GetFullPath(database)}") : SeedHistoryCommand.ConfiguredStore(root);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(time);
        services.AddDbContextFactory<AgentConsoleDbContext>(o => StoreConfiguration.Configure(o, store, connectionString, root));
        services.AddSectionOptions<MetricsOptions, MetricsOptionsValidator>(MetricsOptions.Section);
        services.AddSectionOptions<RoutingPolicyOptions, RoutingPolicyOptionsValidator>(RoutingPolicyOptions.Section);
        services.AddStaffing();
        var provider = services.BuildServiceProvider();
        await DatabaseInitializer.MigrateAsync(provider.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>(), cancellationToken);
        return provider;
    }

    private static RosterVersion Roster(Dictionary<string, List<string>> options) =>
        options.GetValueOrDefault("roster")?.Single() switch
        {
            null or "published" => RosterVersion.Published,
            "draft" => RosterVersion.Draft,
            var other => throw new DomainException($"--roster is draft or published, not '{other}'."),
        };

    // --name value pairs (--add may repeat; --forecast takes no value); null when malformed.
    private static Dictionary<string, List<string>>? Options(string[] args)
    {
        var options = new Dictionary<string, List<string>>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return null;
            var name = args[i][2..];
            if (name == "forecast") { options[name] = [""]; continue; }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return null;
            if (options.TryGetValue(name, out var values) && name != "add") return null;
            if (values is null) options[name] = values = [];
            values.Add(args[++i]);
        }
        return options;
    }
}
