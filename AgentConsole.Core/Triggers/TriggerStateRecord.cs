using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentConsole.Core.Triggers;

/// <summary>A conversation's <see cref="TriggerState"/> as the store keeps it, so evaluation survives a restart.</summary>
public sealed class TriggerStateRecord
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private TriggerStateRecord() { }

    public TriggerStateRecord(Guid conversationId) => ConversationId = conversationId;

    public Guid ConversationId { get; private set; }
    public string StateJson { get; private set; } = "{}";
    public DateTime UpdatedAt { get; private set; }

    public TriggerState Read() => JsonSerializer.Deserialize<TriggerState>(StateJson, Json) ?? new TriggerState();

    public void Write(TriggerState state, DateTime now)
    {
        StateJson = JsonSerializer.Serialize(state, Json);
        UpdatedAt = now;
    }

    /// <summary>Serializes a state the way the store does; equal states give equal text.</summary>
    public static string Serialize(TriggerState state) => JsonSerializer.Serialize(state, Json);
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
