using AgentConsole.Core.Common;

namespace AgentConsole.Core.Chat;

/// <summary>
/// A customer's conversation in the chat widget, known to the browser only by an unguessable
/// token (<see cref="ChatTokens"/>), of which the store keeps the hash. The conversation itself is
/// the built-in channel's conversation with the external id <see cref="ExternalId"/>; it exists from
/// the customer's first message or page view.
/// </summary>
public sealed class ChatSession
{
    private ChatSession() { }

    /// <summary>Starts a session for the holder of <paramref name="token"/>.</summary>
    public ChatSession(string token, DateTime now)
    {
        Id = Guid.CreateVersion7();
        TokenHash = ChatTokens.Hash(token);
        ExternalId = "chat-" + Id.ToString("N");
        CreatedAt = now.EnsureUtc(nameof(now));
    }

    public Guid Id { get; private set; }
    public byte[] TokenHash { get; private set; } = [];
    /// <summary>The conversation's external id in the built-in channel's integration.</summary>
    public string ExternalId { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
}
