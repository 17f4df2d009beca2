using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Chat.Gaps;

/// <summary>
/// The bot-gap report: the questions the bot failed on in a range of desk days (by <see cref="BotGapRule"/>),
/// embedded with the MiniLM sentence embedder and grouped by <see cref="QuestionClusterer"/>, largest
/// group first, each with the knowledge articles the bot answered with and example transcripts, so the
/// knowledge base can improve.
/// </summary>
/// <remarks>
/// The work is bounded: at most <see cref="BotGapOptions.MaxConversations"/> conversations are read
/// (see <see cref="BotGapRows"/>) and at most <see cref="BotGapOptions.MaxQuestions"/> failed questions,
/// the latest, are embedded and clustered; the report says when either cap cut something off.
/// Questions are clustered in the order they were asked, so the same data gives the same clusters.
/// </remarks>
public class BotGapReporter(IDbContextFactory<AgentConsoleDbContext> dbFactory, ITextEmbedder embedder, KnowledgeLibrary library,
    IOptionsMonitor<BotGapOptions> options, IOptionsMonitor<TriggerOptions> triggers, IOptions<MetricsOptions> metrics)
{
    /// <summary>The most example transcripts a cluster carries.</summary>
    public const int ExamplesPerCluster = 3;

    /// <summary>The desk's time zone, where the report's days begin.</summary>
    public TimeZoneInfo TimeZone => metrics.Value.DeskTimeZone;

    /// <summary>The report for the desk days <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public virtual async Task<BotGapReport> ReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        var scan = await FailedQuestionsAsync(from, to, cancellationToken);
        // The latest questions when there are too many, then clustered in the order they were asked.
        var kept = scan.Questions.OrderByDescending(q => q.SentAt).ThenByDescending(q => q.MessageId).Take(settings.MaxQuestions)
            .OrderBy(q => q.SentAt).ThenBy(q => q.MessageId).ToArray();
        var embeddings = kept.Length == 0 ? [] : embedder.Embed(kept.Select(q => q.Text).ToArray(), cancellationToken);
        var knowledge = library.Current.Knowledge;
        var clusters = QuestionClusterer.Cluster(embeddings, settings.SimilarityThreshold)
            .Select((cluster, index) => Describe(index + 1, cluster, kept, knowledge)).ToArray();
        return new BotGapReport(from, to, TimeZone, scan.Questions.Count, kept.Length, scan.ConversationsRead, scan.ConversationsCapped, clusters);
    }

    /// <summary>Every question asked in the desk days <paramref name="from"/> to <paramref name="to"/> that the bot failed on, by <see cref="BotGapRule"/>, in the conversations read.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public async Task<FailedQuestionScan> FailedQuestionsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var range = new MetricsFilter(from, to, TimeZone);
        var rule = new BotGapRule(triggers.CurrentValue.BotUncertainty.ConfidenceThreshold);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (conversations, capped) = await BotGapRows.LoadAsync(db, range.UtcStart, range.UtcEnd, rule.LowConfidence, options.CurrentValue.MaxConversations, cancellationToken);
        var questions = conversations.SelectMany(c => rule.Find(c, range.UtcStart, range.UtcEnd)).OrderBy(q => q.SentAt).ThenBy(q => q.MessageId).ToArray();
        return new FailedQuestionScan(questions, conversations.Count, capped);
    }

    private static BotGapCluster Describe(int rank, EmbeddingCluster cluster, FailedQuestion[] questions, KnowledgeBase knowledge)
    {
        var members = cluster.Members.Select(i => questions[i]).ToArray();
        var articles = members.SelectMany(q => q.PassageIds).GroupBy(p => p, StringComparer.Ordinal)
            .Select(g => Article(g.Key, g.Count(), knowledge))
            .OrderByDescending(a => a.Questions).ThenBy(a => a.PassageId, StringComparer.Ordinal).ToArray();
        var examples = members.Select((q, i) => new GapExample(q, cluster.Similarities[i]))
            .DistinctBy(e => e.Question.ConversationId).Take(ExamplesPerCluster).ToArray();
        return new BotGapCluster(rank, members[0].Text, members.Length, members.Select(q => q.ConversationId).Distinct().Count(),
            members.Count(q => q.Escalated), members.Count(q => q.Failure.HasFlag(GapFailure.LowConfidence)),
            members.Count(q => q.Failure.HasFlag(GapFailure.NotHelped)), articles, members.Count(q => q.PassageIds.Count == 0), examples);
    }

    private static GapArticle Article(string passageId, int questions, KnowledgeBase knowledge)
    {
        var slug = passageId.Split('#', 2)[0];
        var article = knowledge.Article(slug);
        var passage = article?.Passages.FirstOrDefault(p => p.Id == passageId);
        return new GapArticle(slug, article?.Title, passageId, passage?.Heading, questions);
    }
}

/// <summary>The failed questions found in a range, and how many conversations were read for them.</summary>
/// <param name="Questions">The failed questions, in the order they were asked.</param>
/// <param name="ConversationsRead">How many conversations were read.</param>
/// <param name="ConversationsCapped">Whether more conversations qualified than <see cref="BotGapOptions.MaxConversations"/>.</param>
public sealed record FailedQuestionScan(IReadOnlyList<FailedQuestion> Questions, int ConversationsRead, bool ConversationsCapped);
