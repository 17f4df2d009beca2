using AgentConsole.Core.Conversations;

namespace AgentConsole.Core.Chat.Gaps;

/// <summary>Why a question counts as one the bot failed on; see <see cref="BotGapRule"/>. A question may fail in several ways.</summary>
[Flags]
public enum GapFailure
{
    None = 0,
    /// <summary>The bot answered with low confidence, or said it could not answer (which it reports with low confidence).</summary>
    LowConfidence = 1,
    /// <summary>The customer said the answer did not help.</summary>
    NotHelped = 2,
    /// <summary>The conversation escalated after the question because the bot was unsure, the customer asked for a person, or it stayed unresolved.</summary>
    Escalated = 4,
}

/// <summary>One line of a transcript excerpt.</summary>
public sealed record GapLine(MessageAuthor Author, string Text, DateTime SentAt, double? BotConfidence, bool IsQuestion);

/// <summary>A question the bot failed on, as <see cref="BotGapRule"/> found it.</summary>
/// <param name="ConversationId">The conversation the question was asked in.</param>
/// <param name="MessageId">The customer's message.</param>
/// <param name="Text">The customer's message text: what is clustered.</param>
/// <param name="SentAt">When the customer asked (UTC).</param>
/// <param name="Failure">How the bot failed on it.</param>
/// <param name="Escalated">Whether a case opened after the question, before the customer's next question (for any reason).</param>
/// <param name="PassageIds">The knowledge passages (<c>slug#anchor</c>) the bot answered this question with, in order; empty when it used none.</param>
/// <param name="Transcript">The conversation's messages around the question: a little before it, and its turn after it.</param>
public sealed record FailedQuestion(Guid ConversationId, long MessageId, string Text, DateTime SentAt, GapFailure Failure, bool Escalated,
    IReadOnlyList<string> PassageIds, IReadOnlyList<GapLine> Transcript);

/// <summary>A knowledge article (one of its passages) the bot answered a cluster's questions with.</summary>
/// <param name="ArticleSlug">The article's slug, the key to edit it by.</param>
/// <param name="ArticleTitle">Its title now, or null when the article is no longer in the knowledge base.</param>
/// <param name="PassageId">The passage's id, <c>slug#anchor</c>.</param>
/// <param name="Heading">The passage's heading now, or null when it is no longer in the article.</param>
/// <param name="Questions">How many of the cluster's questions the bot answered with it.</param>
public sealed record GapArticle(string ArticleSlug, string? ArticleTitle, string PassageId, string? Heading, int Questions);

/// <summary>An example of a cluster's questions, with its transcript excerpt.</summary>
public sealed record GapExample(FailedQuestion Question, double Similarity);

/// <summary>A group of failed questions that mean much the same thing.</summary>
/// <param name="Rank">1 for the largest cluster.</param>
/// <param name="Representative">The member question closest to the cluster's centroid.</param>
/// <param name="Questions">How many failed questions the cluster holds.</param>
/// <param name="Conversations">In how many conversations they were asked.</param>
/// <param name="Escalated">How many of the questions were followed by an escalation.</param>
/// <param name="LowConfidence">How many the bot answered unsure of, or could not answer.</param>
/// <param name="NotHelped">How many the customer said the answer did not help with.</param>
/// <param name="Articles">The passages the bot answered them with, most used first.</param>
/// <param name="NoArticle">How many the bot answered with no article.</param>
/// <param name="Examples">Up to <see cref="BotGapReporter.ExamplesPerCluster"/> examples from different conversations, closest to the centroid first.</param>
public sealed record BotGapCluster(int Rank, string Representative, int Questions, int Conversations, int Escalated, int LowConfidence, int NotHelped,
    IReadOnlyList<GapArticle> Articles, int NoArticle, IReadOnlyList<GapExample> Examples)
{
    /// <summary>The share of the questions followed by an escalation, 0 to 1.</summary>
    public double EscalatedShare => Questions == 0 ? 0 : (double)Escalated / Questions;
}

/// <summary>The questions the bot failed on in a range of days, clustered and ranked by size.</summary>
/// <param name="From">The first day, in <paramref name="TimeZone"/>.</param>
/// <param name="To">The last day (included).</param>
/// <param name="TimeZone">The desk's time zone, where the days begin.</param>
/// <param name="FailedQuestions">How many failed questions were found in the conversations read.</param>
/// <param name="Clustered">How many of them were clustered: all, unless more than the cap.</param>
/// <param name="ConversationsRead">How many conversations were read.</param>
/// <param name="ConversationsCapped">Whether more conversations qualified than the cap allowed.</param>
/// <param name="Clusters">The clusters, largest first.</param>
public sealed record BotGapReport(DateOnly From, DateOnly To, TimeZoneInfo TimeZone, int FailedQuestions, int Clustered,
    int ConversationsRead, bool ConversationsCapped, IReadOnlyList<BotGapCluster> Clusters)
{
    /// <summary>Whether some failed questions were left out because there were more than the cap.</summary>
    public bool QuestionsCapped => Clustered < FailedQuestions;
}
