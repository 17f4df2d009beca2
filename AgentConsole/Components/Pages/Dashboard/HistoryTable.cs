using System.Text;
using AgentConsole.Components.Shared;
using AgentConsole.Core.Metrics;

namespace AgentConsole.Components.Pages.Dashboard;

/// <summary>
/// One of the history page's tables as text, the single projection both the table on screen and
/// its CSV download are drawn from, so the download is the table as the filters show it.
/// </summary>
/// <param name="Name">The file name's stem, such as "csat-by-category".</param>
/// <param name="Headers">The column headings.</param>
/// <param name="Rows">The cells, row by row, as shown.</param>
public sealed record HistoryTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>
    /// For each row, the cases behind it, or null where a row has no cases to list (a median, a
    /// rating): the page links the row's first cell to its drill-down. Null for a table without any.
    /// </summary>
    public IReadOnlyList<CaseSlice?>? Slices { get; init; }

    /// <summary>For a table of cases, each row's case page: the page links the row's first cell to it. Null for other tables.</summary>
    public IReadOnlyList<string>? CaseLinks { get; init; }

    /// <summary>The CSAT comparison, overall first, then each category with ratings.</summary>
    public static HistoryTable Csat(CsatFigure csat)
    {
        ArgumentNullException.ThrowIfNull(csat);
        static IReadOnlyList<string> Row(string name, CsatComparison c) =>
        [
            name, HistoryText.Score(c.BotOnly.Mean), HistoryText.Count(c.BotOnly.Ratings),
            HistoryText.Score(c.Escalated.Mean), HistoryText.Count(c.Escalated.Ratings), HistoryText.Delta(c.Delta),
        ];
        return new("csat-by-category",
            ["Category", "Bot only (mean)", "Bot-only ratings", "Escalated (mean)", "Escalated ratings", "Delta"],
            [Row("All categories", csat.Overall), .. csat.ByCategory.Select(c => Row(Labels.Of(c.Category), c.Csat))]);
    }

    /// <summary>Where cases lose time or change hands, each measure with the count behind it.</summary>
    public static HistoryTable Bottlenecks(BottleneckFigure b)
    {
        ArgumentNullException.ThrowIfNull(b);
        static string Cases(int n) => $"{n} {(n == 1 ? "case" : "cases")}";
        static IReadOnlyList<string> PerCase(string name, PerCase p, string detail) =>
            [name, HistoryText.Mean(p.Mean), HistoryText.Count(p.Total), $"{Cases(p.Cases)}{detail}"];
        static IReadOnlyList<string> Share(string name, Rate r) =>
            [name, HistoryText.Share(r), HistoryText.Count(r.Count), $"of {Cases(r.Of)}"];
        return new("bottlenecks",
            ["Measure", "Value", "Count", "Over"],
            [
                ["Queue wait, median", HistoryText.Duration(b.QueueWait.P50), HistoryText.Count(b.QueueWait.Count), Cases(b.QueueWait.Count) + " assigned"],
                ["Queue wait, 90th percentile", HistoryText.Duration(b.QueueWait.P90), HistoryText.Count(b.QueueWait.Count), Cases(b.QueueWait.Count) + " assigned"],
                PerCase("Bounces per case", b.Bounces, $" · {b.Declines} declined, {b.TimeOuts} timed out, {b.Reclaims} reclaimed"),
                PerCase("Transfers per case", b.Transfers, ""),
                PerCase("Reassignments per case", b.Reassignments, ""),
                Share("Misrouted", b.Misrouted),
                Share("Customer asked to repeat", b.AskedToRepeat.Either),
                Share("… flagged by the agent", b.AskedToRepeat.Flagged),
                Share("… said by the customer", b.AskedToRepeat.Detected),
            ])
        {
            Slices =
            [
                null, null, new CaseSlice { Figure = CaseFigure.Bounced }, new CaseSlice { Figure = CaseFigure.Transferred },
                new CaseSlice { Figure = CaseFigure.Reassigned }, new CaseSlice { Figure = CaseFigure.Misrouted },
                new CaseSlice { Figure = CaseFigure.AskedToRepeat }, null, null,
            ],
        };
    }

    /// <summary>The escalation rate per day or week, oldest first.</summary>
    public static HistoryTable Trend(EscalationRateFigure rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return new("escalation-trend",
            [rate.Period == TrendPeriod.Week ? "Week starting" : "Day", "Escalation rate", "Escalated", "Conversations"],
            [.. rate.Trend.Select(p => (IReadOnlyList<string>)[HistoryText.Day(p.Start), HistoryText.Share(p.Rate), HistoryText.Count(p.Rate.Count), HistoryText.Count(p.Rate.Of)])]);
    }

    /// <summary>Escalations by local hour of day, 0 first.</summary>
    public static HistoryTable Hours(EscalationRateFigure rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return new("escalations-by-hour",
            ["Hour", "Escalation rate", "Escalated", "Conversations"],
            [.. rate.ByHourOfDay.Select(h => (IReadOnlyList<string>)[$"{h.Hour:00}:00", HistoryText.Share(h.Rate), HistoryText.Count(h.Rate.Count), HistoryText.Count(h.Rate.Of)])]);
    }

    /// <summary>The table as CSV (RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line breaks quoted).</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        foreach (var line in Rows.Prepend(Headers)) csv.Append(string.Join(',', line.Select(Field))).Append("\r\n");
        return csv.ToString();
    }

    /// <summary>The CSV as a data: URL, for a download link that needs no endpoint and no script.</summary>
    public string ToDataUrl() => "data:text/csv;charset=utf-8," + Uri.EscapeDataString(ToCsv());

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
