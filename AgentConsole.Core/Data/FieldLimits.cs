namespace AgentConsole.Core.Data;

/// <summary>The lengths the store and the API agree on for text fields.</summary>
public static class FieldLimits
{
    public const int ExternalId = 128;
    public const int EventId = 128;
    public const int Name = 200;
    public const int Email = 254;
    public const int Channel = 32;
    public const int Url = 2048;
    public const int Title = 500;
    public const int Text = 8000;

    /// <summary>
    /// The longest text anyone writes in one go: a customer's or bot's message, an agent's reply, an
    /// internal note, a bug report's steps. The store's columns hold <see cref="Text"/>.
    /// </summary>
    public const int WrittenText = 4000;
}
