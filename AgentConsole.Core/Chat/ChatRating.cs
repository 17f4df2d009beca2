using AgentConsole.Core.Common;

namespace AgentConsole.Core.Chat;

/// <summary>
/// The customer's rating of the help they got (CSAT, 1 to 5, with an optional comment): of a case
/// once it is resolved, or of the bot when it solved the problem alone (<see cref="CaseId"/> null).
/// </summary>
public sealed class ChatRating
{
    /// <summary>The longest comment kept.</summary>
    public const int MaxCommentLength = 2000;

    private ChatRating() { }

    public ChatRating(Guid conversationId, long? caseId, int score, string? comment, DateTime now)
    {
        if (score is < 1 or > 5) throw new DomainException("A rating is a score from 1 to 5.");
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > MaxCommentLength }) throw new DomainException($"A comment may be at most {MaxCommentLength} characters.");
        ConversationId = conversationId;
        CaseId = caseId;
        Score = score;
        Comment = comment;
        RatedAt = now.EnsureUtc(nameof(now));
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    /// <summary>The case rated; null for a conversation the bot resolved alone.</summary>
    public long? CaseId { get; private set; }
    public int Score { get; private set; }
    public string? Comment { get; private set; }
    public DateTime RatedAt { get; private set; }
}
