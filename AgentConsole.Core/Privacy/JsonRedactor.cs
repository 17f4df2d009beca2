using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentConsole.Core.Privacy;

/// <summary>
/// Rewrites the JSON the store keeps beside a conversation (trigger state, escalation reasons, bug
/// reports) so it still parses: the values of the named text properties become
/// <see cref="Redaction.Marker"/> (each item, for an array of strings) and the named lists are
/// emptied. Every other value (times, ids, counts, categories) is kept, so what is computed from it stays true.
/// </summary>
public sealed class JsonRedactor(IEnumerable<string> textProperties, IEnumerable<string> clearedProperties)
{
    private readonly HashSet<string> _text = new(textProperties, StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _cleared = new(clearedProperties, StringComparer.OrdinalIgnoreCase);

    /// <summary>The trigger state: every evidence's quote, and the embeddings of the recent messages.</summary>
    public static JsonRedactor TriggerState { get; } = new(["Text"], ["RecentEmbeddings"]);

    /// <summary>
    /// A case's bug report: the agent's title, steps and expectations (they quote the customer), the
    /// page, the plan and products, and the transcript excerpt's text.
    /// </summary>
    public static JsonRedactor BugReport { get; } = new(["title", "stepsToReproduce", "expected", "actual", "pageUrl", "pageTitle", "plan", "text"], ["products"]);

    /// <summary>The JSON with the named properties redacted; null stays null, and text that is not JSON becomes the marker.</summary>
    public string? Redact(string? json)
    {
        if (json is null) return null;
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException) { return Redaction.Marker; }
        if (root is null) return json;
        Walk(root);
        return root.ToJsonString();
    }

    /// <summary>Redacts <paramref name="node"/> in place.</summary>
    public void Walk(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is null) continue;
                    if (_cleared.Contains(name)) obj[name] = new JsonArray();
                    else if (_text.Contains(name) && Redacted(value) is { } redacted) obj[name] = redacted;
                    else Walk(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array) if (item is not null) Walk(item);
                break;
        }
    }

    private static JsonNode? Redacted(JsonNode value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(Redaction.Marker),
        JsonArray a when a.All(i => i?.GetValueKind() == JsonValueKind.String) => new JsonArray(a.Select(_ => (JsonNode?)JsonValue.Create(Redaction.Marker)).ToArray()),
        _ => null,
    };
}
