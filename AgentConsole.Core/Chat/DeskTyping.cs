using AgentConsole.Core.Delivery;

namespace AgentConsole.Core.Chat;

/// <summary>
/// Typing, both ways, as the agent console sees it: the agent's typing goes to the customer, in the
/// chat widget at once and to an external bot as an <c>agent.typing</c> event (<see cref="AgentTypingRelay"/>),
/// and the customer's typing shows on the case.
/// </summary>
public sealed class DeskTyping(CaseConversations conversations, ChatSignals signals, AgentTypingRelay? relay = null)
{
    /// <summary>Tells the customer of case <paramref name="caseId"/> that its agent <paramref name="agentName"/> is typing.</summary>
    /// <exception cref="Routing.Engine.RoutingForbiddenException">The agent is not the one the case is assigned to.</exception>
    public async Task AgentTypingAsync(long caseId, Guid agentId, string agentName, CancellationToken cancellationToken = default)
    {
        // The relay checks the agent holds the case and writes the bot's event; the widget's customer hears at once.
        if (relay is not null) await relay.AgentTypingAsync(caseId, agentId, cancellationToken);
        if (await conversations.OfAsync(caseId, cancellationToken) is { } conversationId) signals.AgentTyping(conversationId, agentName, true);
    }

    /// <summary>Calls <paramref name="onTyping"/> whenever the customer of case <paramref name="caseId"/> types, until disposed.</summary>
    public async Task<IDisposable> WatchCustomerAsync(long caseId, Action onTyping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onTyping);
        return await conversations.OfAsync(caseId, cancellationToken) is { } conversationId
            ? signals.WatchCustomer(conversationId, _ => onTyping())
            : new Nothing();
    }

    private sealed class Nothing : IDisposable
    {
        public void Dispose() { }
    }
}
