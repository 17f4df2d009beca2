using System.Globalization;
using AgentConsole.Components.Shared;
using AgentConsole.Core.Metrics;

namespace AgentConsole.Components.Pages.Dashboard;

/// <summary>How the history page writes its figures: a figure over nothing reads "no data", never 0.</summary>
public static class HistoryText
{
    public const string NoData = "no data";

    public static string Share(Rate rate) => rate.Value is { } value ? Labels.Percent(value) : NoData;

    public static string Duration(TimeSpan? duration) => duration is { } d ? DurationText.Short(d) : NoData;

    public static string Score(double? mean) => mean is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) : NoData;

    public static string Delta(double? delta) => delta is { } d ? d.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : NoData;

    public static string Mean(double? mean) => mean is { } m ? m.ToString("0.00", CultureInfo.InvariantCulture) : NoData;

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}
