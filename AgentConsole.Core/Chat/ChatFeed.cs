using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;

namespace AgentConsole.Core.Chat;

/// <summary>A line of the transcript as the customer sees it.</summary>
/// <param name="Id">The message's store id: the widget's cursor.</param>
/// <param name="Author">Who wrote it.</param>
/// <param name="Text">The words as written.</param>
/// <param name="At">When it was sent.</param>
/// <param name="Name">The agent's display name for an agent's message; null otherwise.</param>
/// <param name="Html">Safe HTML for the bot's and agents' Markdown; null for the customer's own words, always shown as text.</param>
/// <param name="ClientId">The id the widget gave a customer's message, so it can match its own copy.</param>
public sealed record ChatMessage(long Id, MessageAuthor Author, string? Name, string Text, string? Html, DateTime At, string? ClientId);

/// <summary>Where the customer's conversation stands, as the widget shows it.</summary>
public enum ChatStage { Bot, Queued, Offered, Assigned, Resolved, Closed }

/// <summary>What the widget's status strip and rating card show.</summary>
/// <param name="Stage">Who has the conversation, and where its case is.</param>
/// <param name="AgentName">The agent who has the case, once assigned.</param>
/// <param name="MaxTextLength">The longest message the customer may send.</param>
/// <param name="Team">Who is coming, while humans have the conversation: the skill or team the case needs.</param>
/// <param name="QueuePosition">1 for the next case to be taken, while the case waits.</param>
/// <param name="EstimatedWaitSeconds">From recent handling times and the agents available, while the case waits.</param>
/// <param name="RatingRequested">The customer is asked to rate the help: a case just resolved, or the bot solved it alone.</param>
/// <param name="Rated">The customer already rated what is being asked about.</param>
public sealed record ChatStatus(ChatStage Stage, string? Team, string? AgentName, int? QueuePosition, int? EstimatedWaitSeconds,
    bool RatingRequested, bool Rated, int MaxTextLength)
{
    /// <summary>
    /// When every team that could take the waiting case is closed: the UTC instant the first opens, when the
    /// customer can expect an answer (see <see cref="Schedules.ExpectedAnswer"/>); the wait estimate is then null.
    /// </summary>
    public DateTime? ExpectedAnswerAt { get; init; }

    /// <summary>Whether the case waits for an agent, so each move of the queue changes what the customer sees.</summary>
    public bool Waiting => Stage is ChatStage.Queued or ChatStage.Offered;
}

/// <summary>What a rating is about: a resolved case, or the bot's own solution (no case).</summary>
public sealed record RatingTarget(long? CaseId);

/// <summary>The customer's view of a conversation's routing, from its latest case.</summary>
internal static class ChatStages
{
    public static ChatStage Of(ConversationStage stage, CaseStatus? latestCase) => stage switch
    {
        ConversationStage.Closed => ChatStage.Closed,
        ConversationStage.Resolved => ChatStage.Resolved,
        ConversationStage.WithHumans => latestCase switch
        {
            CaseStatus.Assigned => ChatStage.Assigned,
            CaseStatus.Offered => ChatStage.Offered,
            _ => ChatStage.Queued,
        },
        _ => ChatStage.Bot,
    };
}
