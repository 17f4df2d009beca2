using System.Collections.Concurrent;
using AgentConsole.Core.Data;
using AgentConsole.Core.Delivery;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Chat;

/// <summary>
/// Typing, both ways, as the agent console sees it: the agent's typing goes to the customer, in the
/// chat widget at once and to an external bot as an <c>agent.typing</c> event (<see cref="AgentTypingRelay"/>),
/// and the customer's typing shows on the case.
/// </summary>
public sealed class DeskTyping(IDbContextFactory<AgentConsoleDbContext> dbFactory, ChatSignals signals, AgentTypingRelay? relay = null)
{
    // A case's conversation never changes; the console asks on every few keystrokes.
    private readonly ConcurrentDictionary<long, Guid> _conversations = new();

    /// <summary>Tells the customer of case <paramref name="caseId"/> that its agent <paramref name="agentName"/> is typing.</summary>
    /// <exception cref="Routing.Engine.RoutingForbiddenException">The agent is not the one the case is assigned to.</exception>
    public async Task AgentTypingAsync(long caseId, Guid agentId, string agentName, CancellationToken cancellationToken = default)
    {
        // The relay checks the agent holds the case and writes the bot's event; the widget's customer hears at once.
        if (relay is not null) await relay.AgentTypingAsync(caseId, agentId, cancellationToken);
        if (await ConversationOfAsync(caseId, cancellationToken) is { } conversationId) signals.AgentTyping(conversationId, agentName, true);
    }

    /// <summary>Calls <paramref name="onTyping"/> whenever the customer of case <paramref name="caseId"/> types, until disposed.</summary>
    public async Task<IDisposable> WatchCustomerAsync(long caseId, Action onTyping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onTyping);
        return await ConversationOfAsync(caseId, cancellationToken) is { } conversationId
            ? signals.WatchCustomer(conversationId, _ => onTyping())
            : new Nothing();
    }

    private async Task<Guid?> ConversationOfAsync(long caseId, CancellationToken cancellationToken)
    {
        if (_conversations.TryGetValue(caseId, out var known)) return known;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => (Guid?)c.ConversationId).SingleOrDefaultAsync(cancellationToken);
        if (found is { } id) _conversations[caseId] = id;
        return found;
    }

    private sealed class Nothing : IDisposable
    {
        public void Dispose() { }
    }
}
