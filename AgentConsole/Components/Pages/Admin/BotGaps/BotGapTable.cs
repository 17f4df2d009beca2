using System.Globalization;
using AgentConsole.Components.Pages.Dashboard;
using AgentConsole.Components.Shared;
using AgentConsole.Core.Chat.Gaps;

namespace AgentConsole.Components.Pages.Admin.BotGaps;

/// <summary>
/// The bot-gap clusters as text: the one projection both the table on screen and its CSV download
/// are drawn from (as a <see cref="HistoryTable"/>, the history page's CSV export), so the download
/// is the table as shown.
/// </summary>
public static class BotGapTable
{
    /// <summary>The column headings.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["Rank", "Representative question", "Questions", "Conversations", "Escalated", "Unsure or no answer", "Did not help", "Articles the bot used"];

    /// <summary>Every cluster of <paramref name="report"/>, largest first.</summary>
    public static HistoryTable Of(BotGapReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new HistoryTable("bot-gaps", Headers, [.. report.Clusters.Select(Row)]);
    }

    /// <summary>One cluster's cells, as shown.</summary>
    public static IReadOnlyList<string> Row(BotGapCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return
        [
            Count(cluster.Rank), cluster.Representative, Count(cluster.Questions), Count(cluster.Conversations),
            $"{Labels.Percent(cluster.EscalatedShare)} ({Count(cluster.Escalated)})", Count(cluster.LowConfidence), Count(cluster.NotHelped), Articles(cluster),
        ];
    }

    /// <summary>The articles a cluster's answers came from, most used first, with "no article" for the questions answered without one.</summary>
    public static string Articles(BotGapCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var parts = cluster.Articles.Select(a => $"{Name(a)} ({Count(a.Questions)})").ToList();
        if (cluster.NoArticle > 0) parts.Add($"no article ({Count(cluster.NoArticle)})");
        return string.Join("; ", parts);
    }

    /// <summary>How an article's passage is named: the article's title and the passage's heading, or its id when it is no longer in the knowledge base.</summary>
    public static string Name(GapArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return article.ArticleTitle is { } title ? $"{title}: {article.Heading ?? article.PassageId}" : $"{article.PassageId} (no longer in the knowledge base)";
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
