using AgentConsole.Components.Shared;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Components.Pages.Dashboard;

/// <summary>The reasons-and-hotspots tables of the history page, each row linked to the cases behind it.</summary>
public static class HotspotTables
{
    /// <summary>Escalations by reason category, all eight, most first.</summary>
    public static HistoryTable Reasons(HotspotReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new("escalations-by-reason", ["Reason", "Share of escalations", "Cases", "Of"],
            [.. report.ByReason.Select(r => Row(ReasonCategoryNames.Of(r.Reason), r.Cases))])
        {
            Slices = [.. report.ByReason.Select(r => new CaseSlice { Reason = r.Reason })],
        };
    }

    /// <summary>The topics that escalate most: categories, pages or products, with the reason they escalate for most.</summary>
    public static HistoryTable Topics(string name, string heading, IReadOnlyList<TopicCount> topics, Func<string, CaseSlice> slice, Func<string, string>? label = null)
    {
        label ??= key => key;
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(slice);
        return new(name, [heading, "Share of escalations", "Cases", "Of", "Most given reason"],
            [.. topics.Select(t => (IReadOnlyList<string>)[.. Row(label(t.Key), t.Cases), t.TopReason is { } r ? ReasonCategoryNames.Of(r) : HistoryText.NoData])])
        {
            Slices = [.. topics.Select(t => slice(t.Key))],
        };
    }

    /// <summary>The bot replies most often followed by a sentiment escalation.</summary>
    public static HistoryTable SentimentReplies(HotspotReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new("replies-before-sentiment-escalations", ["Bot reply", "Followed by a sentiment escalation", "Escalations", "Times sent"],
            [.. report.SentimentReplies.Select(r => (IReadOnlyList<string>)[r.Text, HistoryText.Share(r.FollowedBySentimentEscalation),
                HistoryText.Count(r.FollowedBySentimentEscalation.Count), HistoryText.Count(r.Sent)])])
        {
            Slices = [.. report.SentimentReplies.Select(r => new CaseSlice { BotReply = r.Text })],
        };
    }

    /// <summary>The funnel's stages with each one's share of the stage before.</summary>
    public static HistoryTable Funnel(FunnelFigure funnel)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        return new("escalation-funnel", ["Stage", "Conversations", "Share of the stage before"],
            [
                ["Conversations", HistoryText.Count(funnel.Conversations), ""],
                ["Kept by the bot", HistoryText.Count(funnel.KeptByBot), HistoryText.Share(new Rate(funnel.KeptByBot, funnel.Conversations))],
                ["Escalated", HistoryText.Count(funnel.Escalated), HistoryText.Share(new Rate(funnel.Escalated, funnel.Conversations))],
                ["Resolved at first contact", HistoryText.Count(funnel.ResolvedFirstContact), HistoryText.Share(new Rate(funnel.ResolvedFirstContact, funnel.Escalated))],
                ["Rated", HistoryText.Count(funnel.Rated), HistoryText.Share(new Rate(funnel.Rated, funnel.ResolvedFirstContact))],
            ])
        {
            Slices = [null, null, new CaseSlice(), new CaseSlice { Figure = CaseFigure.ResolvedFirstContact }, null],
        };
    }

    private static IReadOnlyList<string> Row(string name, Rate rate) =>
        [name, HistoryText.Share(rate), HistoryText.Count(rate.Count), HistoryText.Count(rate.Of)];
}
