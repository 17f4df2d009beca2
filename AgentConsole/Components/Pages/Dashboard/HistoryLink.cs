using System.Globalization;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace AgentConsole.Components.Pages.Dashboard;

/// <summary>
/// A drill-down's address: the history filters and the <see cref="CaseSlice"/> as a query string on
/// <see cref="Path"/>, so a drill-down can be bookmarked, shared and opened in a new tab. Parsing is
/// strict: a value that does not parse makes the whole link invalid rather than silently widening it.
/// </summary>
public static class HistoryLink
{
    /// <summary>The drill-down page.</summary>
    public const string Path = "/dashboard/history/cases";

    /// <summary>The address of the cases behind <paramref name="slice"/> under <paramref name="query"/>'s filters.</summary>
    public static string To(HistoryQuery query, CaseSlice slice)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(slice);
        var values = new Dictionary<string, string?>
        {
            ["from"] = HistoryText.Day(query.From),
            ["to"] = HistoryText.Day(query.To),
            ["category"] = query.Category?.ToString(),
            ["tier"] = query.Tier?.ToString(),
            ["channel"] = query.Channel,
            ["team"] = query.TeamId?.ToString(),
            ["skill"] = query.Skill?.ToString(),
            ["hour"] = query.HourOfDay?.ToString(CultureInfo.InvariantCulture),
            ["figure"] = slice.Figure == CaseFigure.All ? null : slice.Figure.ToString(),
            ["reason"] = slice.Reason?.ToString(),
            ["of"] = slice.Category?.ToString(),
            ["page"] = slice.Page,
            ["product"] = slice.Product,
            ["reply"] = slice.BotReply,
        };
        return QueryHelpers.AddQueryString(Path, values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    /// <summary>The filters and slice in a drill-down's query string, or false when any part is missing or does not parse.</summary>
    public static bool TryParse(IReadOnlyDictionary<string, StringValues> values, out HistoryQuery query, out CaseSlice slice)
    {
        ArgumentNullException.ThrowIfNull(values);
        (query, slice) = (default!, default!);
        string? One(string key) => values.TryGetValue(key, out var v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[0]) ? v[0] : null;
        static bool Day(string? text, out DateOnly day) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
        var ok = true;
        T? Enum<T>(string key) where T : struct, Enum
        {
            if (One(key) is not { } text) return null;
            if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _)) return value;
            ok = false;
            return null;
        }

        if (!Day(One("from"), out var from) || !Day(One("to"), out var to) || to < from) return false;
        Guid? team = null;
        if (One("team") is { } teamText)
        {
            if (!Guid.TryParse(teamText, out var id)) return false;
            team = id;
        }
        int? hour = null;
        if (One("hour") is { } hourText)
        {
            if (!int.TryParse(hourText, NumberStyles.None, CultureInfo.InvariantCulture, out var h) || h > 23) return false;
            hour = h;
        }
        var parsed = new HistoryQuery(from, to)
        {
            Category = Enum<IssueCategory>("category"),
            Tier = Enum<CustomerTier>("tier"),
            Channel = One("channel"),
            TeamId = team,
            Skill = Enum<Skill>("skill"),
            HourOfDay = hour,
        };
        var parsedSlice = new CaseSlice
        {
            Figure = Enum<CaseFigure>("figure") ?? CaseFigure.All,
            Reason = Enum<ReasonCategory>("reason"),
            Category = Enum<IssueCategory>("of"),
            Page = One("page"),
            Product = One("product"),
            BotReply = One("reply"),
        };
        if (!ok) return false;
        (query, slice) = (parsed, parsedSlice);
        return true;
    }
}
