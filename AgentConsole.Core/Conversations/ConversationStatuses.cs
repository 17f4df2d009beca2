using AgentConsole.Core.Cases;

namespace AgentConsole.Core.Conversations;

/// <summary>
/// The status a conversation reports, derived from the two things that are stored: the
/// conversation's own <see cref="ConversationStage"/> and, while humans have it, its open case's
/// <see cref="CaseStatus"/>. Nothing keeps the two in step by hand.
/// </summary>
public static class ConversationStatuses
{
    /// <summary>
    /// The reported status of a conversation at <paramref name="stage"/> whose open case (if it has
    /// one) is at <paramref name="openCase"/>. With humans but no case known yet, it is Escalated.
    /// </summary>
    public static ConversationStatus Of(ConversationStage stage, CaseStatus? openCase) => stage switch
    {
        ConversationStage.WithBot => ConversationStatus.BotActive,
        ConversationStage.WithHumans => openCase switch
        {
            CaseStatus.Queued => ConversationStatus.Queued,
            CaseStatus.Offered => ConversationStatus.Offered,
            CaseStatus.Assigned => ConversationStatus.Assigned,
            _ => ConversationStatus.Escalated,
        },
        ConversationStage.Resolved => ConversationStatus.Resolved,
        ConversationStage.Closed => ConversationStatus.Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown conversation stage."),
    };
}
