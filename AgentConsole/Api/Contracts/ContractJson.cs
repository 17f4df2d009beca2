using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AgentConsole.Api.Contracts;

/// <summary>
/// How the bot API reads request bodies: System.Text.Json with the web defaults (camelCase names
/// matched case-insensitively, unknown fields ignored), numbers only as JSON numbers, enums by
/// name, and a depth limit.
/// </summary>
public static class ContractJson
{
    /// <summary>The deepest nesting a body may have.</summary>
    public const int MaxDepth = 32;

    /// <summary>The serializer options every request contract is read with.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The metadata System.Text.Json reads <typeparamref name="T"/> with.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            MaxDepth = MaxDepth,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            Converters = { new EnumNameConverter() },
        };
        options.MakeReadOnly();
        return options;
    }
}
