namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>
/// The knowledge the built-in bot answers from now: one <see cref="KnowledgeRetriever"/>, swapped
/// whole when the articles change. Thread-safe: a reader takes <see cref="Current"/> once and keeps
/// using that retriever, so an answer being worked out when the articles change finishes on the
/// articles it started with, and the next one uses the new ones.
/// </summary>
public sealed class KnowledgeLibrary
{
    private KnowledgeRetriever _current;

    /// <summary>Starts with <paramref name="initial"/>; its embedder and calibration serve every later set of articles.</summary>
    public KnowledgeLibrary(KnowledgeRetriever initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
    }

    /// <summary>The retriever over the articles in effect.</summary>
    public KnowledgeRetriever Current => Volatile.Read(ref _current);

    /// <summary>
    /// Embeds <paramref name="knowledge"/> and then puts it in effect in one step. Callers that
    /// replace the articles from more than one thread order their calls themselves: the last call wins.
    /// </summary>
    public KnowledgeRetriever Replace(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var next = Current.Over(knowledge);
        Volatile.Write(ref _current, next);
        return next;
    }
}
