using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AgentConsole.Core.Triggers;

/// <summary>A conversation's <see cref="TriggerState"/> as the store keeps it, so evaluation survives a restart.</summary>
public sealed class TriggerStateRecord
{
    // Source-generated: every batch reads and writes a state, and reflection-based metadata is slower to use.
    private static readonly JsonTypeInfo<TriggerState> Json = TriggerStateJsonContext.Default.TriggerState;

    // Ingestion writes it with the conversation's row, in one statement (ConversationRows.Update); EF only reads it.
    private TriggerStateRecord() { }

    /// <summary>The row the store keeps for <paramref name="state"/>: its JSON and its leading category.</summary>
    public TriggerStateRecord(Guid conversationId, TriggerState state, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ConversationId = conversationId;
        StateJson = Serialize(state);
        Category = state.Category().Category;
        UpdatedAt = now;
    }

    public Guid ConversationId { get; private set; }
    public string StateJson { get; private set; } = "{}";
    /// <summary>
    /// The conversation's leading category when the state was last written (<see cref="TriggerState.Category"/>),
    /// kept beside the JSON so the metrics can segment conversations the bot kept by category.
    /// </summary>
    public IssueCategory Category { get; private set; } = IssueCategory.Other;
    public DateTime UpdatedAt { get; private set; }

    public TriggerState Read() => Deserialize(StateJson);

    /// <summary>Serializes a state the way the store does; equal states give equal text.</summary>
    public static string Serialize(TriggerState state) => JsonSerializer.Serialize(state, Json);

    /// <summary>Reads a state from the text the store keeps.</summary>
    public static TriggerState Deserialize(string json) => JsonSerializer.Deserialize(json, Json) ?? new TriggerState();
}

/// <summary>
/// The JSON metadata of <see cref="TriggerState"/>, enums by name. Signals that never fired are
/// left out rather than written as null: the row is rewritten on every batch, and most are unset.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EvidenceJsonConverter)])]
[JsonSerializable(typeof(TriggerState))]
internal sealed partial class TriggerStateJsonContext : JsonSerializerContext;

/// <summary>
/// Reads and writes an <see cref="Evidence"/> as <c>{"Text":…,"At":…,"MessageId":…}</c>, the shape
/// the generated code would give it. A state holds several, every batch reads one state, and the
/// generated reader of a record built through its constructor costs a few microseconds apiece.
/// </summary>
internal sealed class EvidenceJsonConverter : JsonConverter<Evidence>
{
    public override Evidence Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Evidence is an object.");
        string? text = null;
        DateTime? at = null;
        long? messageId = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException("Evidence holds named values.");
            if (reader.ValueTextEquals("Text")) { reader.Read(); text = reader.GetString(); }
            else if (reader.ValueTextEquals("At")) { reader.Read(); at = reader.GetDateTime(); }
            else if (reader.ValueTextEquals("MessageId")) { reader.Read(); messageId = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt64(); }
            else { reader.Read(); reader.Skip(); }
        }
        return new Evidence(text ?? throw new JsonException("Evidence has no Text."), at ?? throw new JsonException("Evidence has no At."), messageId);
    }

    public override void Write(Utf8JsonWriter writer, Evidence value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("Text", value.Text);
        writer.WriteString("At", value.At);
        if (value.MessageId is { } id) writer.WriteNumber("MessageId", id);
        writer.WriteEndObject();
    }
}

/// <summary>A labelled example utterance for the classifier. Seeded from the project's file; admins can edit them.</summary>
public sealed class CategoryExampleRecord
{
    private CategoryExampleRecord() { }

    public CategoryExampleRecord(IssueCategory category, string text, bool seeded, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Category = category;
        Text = text.Trim();
        Seeded = seeded;
        CreatedAt = UpdatedAt = now;
    }

    public int Id { get; private set; }
    public IssueCategory Category { get; private set; }
    public string Text { get; private set; } = "";
    /// <summary>Whether it came from the project's file rather than an admin.</summary>
    public bool Seeded { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public void Edit(IssueCategory category, string text, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Category = category;
        Text = text.Trim();
        UpdatedAt = now;
    }
}
