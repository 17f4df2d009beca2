using System.Globalization;

namespace AgentConsole.Components.Pages.Staffing;

/// <summary>How the staffing page and the <c>staffing</c> command write shares and waits.</summary>
internal static class StaffingText
{
    /// <summary>"81.2 %", or "-" for no value.</summary>
    public static string Share(double? value) => value is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "-";

    /// <summary>"m:ss", "h:mm:ss" from an hour, or "-" for no value.</summary>
    public static string Duration(TimeSpan? value) =>
        value is { } v ? v.ToString(v.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "-";
}
