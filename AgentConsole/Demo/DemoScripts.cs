using System.Text.Json;

namespace AgentConsole.Demo;

/// <summary>A simulated customer's part: what they say to the bot, how they answer an agent, and how they rate the help.</summary>
/// <param name="Customer">A demo customer's external id, so the agent sees a profile; null for an anonymous visitor.</param>
/// <param name="Feedback">What they say when the bot's answer helped; null when the bot is not expected to solve it.</param>
public sealed record DemoScript(string Name, string? Customer, DemoPage Page, IReadOnlyList<string> Turns, IReadOnlyList<string>? AfterAgent,
    string? Feedback, int? Rating, string? Comment);

/// <summary>The page a simulated customer has open.</summary>
public sealed record DemoPage(string Url, string Title);

/// <summary>The demo's scripts, kept as data in <c>demo-scripts.json</c> beside this file.</summary>
public static class DemoScripts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The scripts shipped with the app.</summary>
    public static IReadOnlyList<DemoScript> BuiltIn { get; } = Load();

    private static List<DemoScript> Load()
    {
        using var stream = typeof(DemoScripts).Assembly.GetManifestResourceStream("AgentConsole.Demo.demo-scripts.json")
            ?? throw new InvalidOperationException("The demo scripts are missing from the assembly.");
        var scripts = JsonSerializer.Deserialize<List<DemoScript>>(stream, Json) ?? [];
        if (scripts.Count == 0 || scripts.Any(s => s.Turns is not { Count: > 0 })) throw new InvalidOperationException("Every demo script needs at least one turn.");
        return scripts;
    }
}
