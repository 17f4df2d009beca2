using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Metrics;

/// <summary>The escalations with one reason category, of all escalations in the range.</summary>
/// <param name="Reason">The reason category: every one of the eight is listed, none left out for having no cases.</param>
/// <param name="Cases">Cases with at least one reason of the category (a case with several reasons counts under each), of the cases opened.</param>
public sealed record ReasonCount(ReasonCategory Reason, Rate Cases);

/// <summary>One cell of the reason × category heat map: cases of <paramref name="Category"/> escalated (among others) for <paramref name="Reason"/>.</summary>
public sealed record ReasonCategoryCell(ReasonCategory Reason, IssueCategory Category, int Cases);

/// <summary>A topic (a category, a page the customer had open, or a product they use) and the escalations it had.</summary>
/// <param name="Key">The category's name, the page's address without its query, or the product's name.</param>
/// <param name="Cases">Escalations of the topic, of all escalations in the range.</param>
/// <param name="TopReason">The reason category its escalations gave most often.</param>
public sealed record TopicCount(string Key, Rate Cases, ReasonCategory? TopReason);

/// <summary>A bot reply and how often the customer's sentiment escalated the conversation right after it.</summary>
/// <param name="Text">The reply as the bot wrote it.</param>
/// <param name="FollowedBySentimentEscalation">Sentiment escalations whose last bot reply before the customer's angry message was this one.</param>
/// <param name="Sent">Times the bot sent this reply in the conversations of the range: the share's denominator.</param>
public sealed record BotReplyCount(string Text, Rate FollowedBySentimentEscalation, int Sent);

/// <summary>
/// The escalation funnel over the conversations that started in the range, each stage inside the one before:
/// conversations; escalated (the rest the bot kept); escalated and resolved at first contact; and of those, rated.
/// </summary>
/// <param name="Conversations">Conversations that started in the range.</param>
/// <param name="KeptByBot">Conversations never escalated.</param>
/// <param name="Escalated">Conversations with a case.</param>
/// <param name="ResolvedFirstContact">Escalated conversations whose first case was resolved at first contact, as <see cref="RoutingAccuracyQuery"/> counts it: kept by the first agent who had it, and not escalated again within <see cref="MetricsOptions.ReopenWindowDays"/>.</param>
/// <param name="Rated">Of those, the ones whose customer rated the case.</param>
public sealed record FunnelFigure(int Conversations, int KeptByBot, int Escalated, int ResolvedFirstContact, int Rated);

/// <summary>Why conversations escalate and where: by reason, the reason × category heat map, the topics that escalate most, and the bot replies that anger customers.</summary>
/// <param name="Escalations">The cases opened in the range: every share's denominator but the bot replies'.</param>
/// <param name="ByReason">All eight reason categories, most cases first.</param>
/// <param name="Heatmap">Every reason × category pair with at least one case.</param>
/// <param name="ByCategory">Categories, most escalations first.</param>
/// <param name="ByPage">The pages customers had open when they escalated, most first, at most <see cref="HotspotMetrics.TopCount"/>.</param>
/// <param name="ByProduct">The products the escalating customers use, most first, at most <see cref="HotspotMetrics.TopCount"/>.</param>
/// <param name="SentimentReplies">The bot replies most often followed by a sentiment escalation, at most <see cref="HotspotMetrics.TopCount"/>.</param>
/// <param name="Funnel">Conversations to rated, through escalation and first-contact resolution.</param>
public sealed record HotspotReport(int Escalations, IReadOnlyList<ReasonCount> ByReason, IReadOnlyList<ReasonCategoryCell> Heatmap,
    IReadOnlyList<TopicCount> ByCategory, IReadOnlyList<TopicCount> ByPage, IReadOnlyList<TopicCount> ByProduct,
    IReadOnlyList<BotReplyCount> SentimentReplies, FunnelFigure Funnel);
