using AgentConsole.Core.Common;

namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>
/// Thrown when an admin saves or deletes an article from a version that is no longer the stored
/// one: someone else changed or deleted it since. Nothing was changed.
/// </summary>
public sealed class KnowledgeArticleConflictException(string slug, KnowledgeArticleRecord? current)
    : DomainException(current is null
        ? $"The article '{slug}' was deleted after you opened it. Nothing was saved; create it again to keep your text."
        : $"{current.UpdatedBy} changed the article '{slug}' at {current.UpdatedAt:yyyy-MM-dd HH:mm} UTC, after you opened it. Nothing was saved.")
{
    /// <summary>The article's slug.</summary>
    public string Slug { get; } = slug;

    /// <summary>The article as it is stored now, or null when it was deleted.</summary>
    public KnowledgeArticleRecord? Current { get; } = current;
}
