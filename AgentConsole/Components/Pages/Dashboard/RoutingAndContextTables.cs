using AgentConsole.Components.Shared;
using AgentConsole.Core.Metrics;

namespace AgentConsole.Components.Pages.Dashboard;

/// <summary>
/// The routing-accuracy and context-use tables as text, each drawn once for the screen and its CSV,
/// like <see cref="HistoryTable"/>'s; row i of each table is the figure the drill-down of row i lists.
/// </summary>
public static class RoutingAndContextTables
{
    private static readonly string[] RoutingHeaders = ["Resolved", "By first agent", "Share", "First contact", "Share"];

    /// <summary>Routing accuracy, every case first, then each category.</summary>
    public static HistoryTable ByCategory(RoutingAccuracyFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return new("routing-by-category", ["Category", .. RoutingHeaders],
            [Row("All categories", figure.Overall), .. figure.ByCategory.Select(c => Row(Labels.Of(c.Category), c.Shares))]);
    }

    /// <summary>Routing accuracy by first assigned agent.</summary>
    public static HistoryTable ByAgent(RoutingAccuracyFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return new("routing-by-agent", ["First assigned agent", .. RoutingHeaders],
            [.. figure.ByAgent.Select(a => Row(a.AgentName, a.Shares))]);
    }

    /// <summary>Every element of the context catalogue with the share of worked cases it was opened on.</summary>
    public static HistoryTable ContextUse(ContextUseFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return new("context-use", ["Part of the case", "Before first reply", "Cases", "At all", "Cases", "Worked cases"],
            [.. figure.Elements.Select(e => (IReadOnlyList<string>)
            [
                e.Element.Name, HistoryText.Share(e.BeforeFirstReply), HistoryText.Count(e.BeforeFirstReply.Count),
                HistoryText.Share(e.AtAll), HistoryText.Count(e.AtAll.Count), HistoryText.Count(figure.WorkedCases),
            ])]);
    }

    private static IReadOnlyList<string> Row(string name, RoutingShares s) =>
    [
        name, HistoryText.Count(s.FirstAgent.Of), HistoryText.Count(s.FirstAgent.Count), HistoryText.Share(s.FirstAgent),
        HistoryText.Count(s.FirstContact.Count), HistoryText.Share(s.FirstContact),
    ];
}
