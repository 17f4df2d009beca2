using AgentConsole.Core.Chat;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;

namespace AgentConsole.Chat;

/// <summary>
/// Wakes the customers' streams when routing moves their case: offered, assigned, resolved, an
/// agent's reply, and every queue change for those who wait. Events leave the engine's thread
/// through a channel, as for the agents' hub, so a customer never holds up routing.
/// </summary>
public sealed class ChatRoutingBridge(RoutingNotifier notifier, ChatSignals signals, CaseConversations conversations,
    ILogger<ChatRoutingBridge> logger) : RoutingEventPump(notifier, logger)
{
    protected override Task HandleAsync(RoutingEvent routingEvent, CancellationToken cancellationToken) => SignalAsync(routingEvent, cancellationToken);

    private async Task SignalAsync(RoutingEvent @event, CancellationToken cancellationToken)
    {
        switch (@event)
        {
            case QueueChanged:
                signals.QueueMoved();
                break;
            case CaseOffered e: signals.Changed(e.Case.ConversationId); break;
            case CaseAssigned e: signals.Changed(e.Case.ConversationId); break;
            case CaseReassigned e: signals.Changed(e.Case.ConversationId); break;
            case CaseResolved e: await ChangedAsync(e.CaseId, cancellationToken); break;
            case OfferWithdrawn e: await ChangedAsync(e.CaseId, cancellationToken); break;
            case CaseActivity { Kind: CaseActivityKind.Reply } e: await ChangedAsync(e.CaseId, cancellationToken); break;
        }
    }

    // Only customers with the widget open are told; the look-up is skipped for everyone else's cases.
    private async Task ChangedAsync(long caseId, CancellationToken cancellationToken)
    {
        if (signals.ListenerCount == 0) return;
        var conversationId = await conversations.OfAsync(caseId, cancellationToken);
        if (conversationId is { } id) signals.Changed(id);
    }
}
