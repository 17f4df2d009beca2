namespace AgentConsole.Core.Conversations;

/// <summary>
/// The allowed moves between <see cref="ConversationStatus"/> values. A conversation starts with
/// the bot, is escalated into a case that is queued, offered and assigned, and ends resolved and
/// then closed. A resolved conversation reopens with the bot when the customer writes again.
/// Closed is final.
/// </summary>
public static class ConversationStatusRules
{
    private static readonly Dictionary<ConversationStatus, ConversationStatus[]> Allowed = new()
    {
        [ConversationStatus.BotActive] = [ConversationStatus.Escalated, ConversationStatus.Resolved, ConversationStatus.Closed],
        [ConversationStatus.Escalated] = [ConversationStatus.Queued, ConversationStatus.Offered, ConversationStatus.Assigned, ConversationStatus.Resolved, ConversationStatus.Closed],
        [ConversationStatus.Queued] = [ConversationStatus.Offered, ConversationStatus.Assigned, ConversationStatus.Resolved, ConversationStatus.Closed],
        [ConversationStatus.Offered] = [ConversationStatus.Queued, ConversationStatus.Offered, ConversationStatus.Assigned, ConversationStatus.Resolved, ConversationStatus.Closed],
        [ConversationStatus.Assigned] = [ConversationStatus.Queued, ConversationStatus.Offered, ConversationStatus.Assigned, ConversationStatus.Resolved, ConversationStatus.Closed],
        [ConversationStatus.Resolved] = [ConversationStatus.BotActive, ConversationStatus.Closed],
        [ConversationStatus.Closed] = [],
    };

    /// <summary>Whether a conversation may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(ConversationStatus from, ConversationStatus to) => Allowed[from].Contains(to);

    /// <summary>Whether a human case is open for a conversation in this status.</summary>
    public static bool IsWithHumans(ConversationStatus status) =>
        status is ConversationStatus.Escalated or ConversationStatus.Queued or ConversationStatus.Offered or ConversationStatus.Assigned;
}
