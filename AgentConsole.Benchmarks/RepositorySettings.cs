using System.Text.Json;
using System.Text.Json.Serialization;
using AgentConsole.Core.Delivery;
using AgentConsole.Core.Routing.Policy;

namespace AgentConsole.Benchmarks;

/// <summary>
/// Options read from the repository's root <c>appsettings.json</c>, for benchmarks that build Core
/// objects without the app: the shipped values live in that file, not in the options classes.
/// </summary>
internal static class RepositorySettings
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The shipped <c>Routing</c> section.</summary>
    public static RoutingPolicyOptions Routing() => Section<RoutingPolicyOptions>(RoutingPolicyOptions.Section);

    /// <summary>The shipped <c>Delivery</c> section.</summary>
    public static DeliveryOptions Delivery() => Section<DeliveryOptions>(DeliveryOptions.Section);

    private static T Section<T>(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Locate()), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.TryGetProperty(name, out var section)
            ? section.Deserialize<T>(Json) ?? throw new InvalidDataException($"appsettings.json has an empty {name} section.")
            : throw new InvalidDataException($"appsettings.json has no {name} section.");
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var settings = Path.Combine(dir.FullName, "appsettings.json");
            if (File.Exists(settings) && File.Exists(Path.Combine(dir.FullName, "AgentConsole.sln"))) return settings;
        }
        throw new FileNotFoundException("The root appsettings.json was not found above this program.");
    }
}
