namespace AgentConsole.Core.Conversations;

/// <summary>
/// The allowed moves between the <see cref="ConversationStage"/>s a conversation stores. A
/// conversation starts with the bot, goes to humans when a case opens, is resolved with its case
/// and then closed. A resolved conversation goes back to the bot when the customer writes again.
/// Closed is final. Where the case is in routing is the case's own status, not a stage.
/// </summary>
public static class ConversationStatusRules
{
    private static readonly Dictionary<ConversationStage, ConversationStage[]> Allowed = new()
    {
        [ConversationStage.WithBot] = [ConversationStage.WithHumans, ConversationStage.Resolved, ConversationStage.Closed],
        [ConversationStage.WithHumans] = [ConversationStage.Resolved, ConversationStage.Closed],
        [ConversationStage.Resolved] = [ConversationStage.WithBot, ConversationStage.Closed],
        [ConversationStage.Closed] = [],
    };

    /// <summary>Whether a conversation may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(ConversationStage from, ConversationStage to) => Allowed[from].Contains(to);

    /// <summary>Whether a human case is open for a conversation in this status.</summary>
    public static bool IsWithHumans(ConversationStatus status) =>
        status is ConversationStatus.Escalated or ConversationStatus.Queued or ConversationStatus.Offered or ConversationStatus.Assigned;
}
