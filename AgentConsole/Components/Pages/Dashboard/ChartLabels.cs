namespace AgentConsole.Components.Pages.Dashboard;

/// <summary>X-axis labels for the dashboard's hourly charts.</summary>
internal static class ChartLabels
{
    /// <summary>"HH:00" for every third hour and the current one, blank between, so 24 labels stay legible.</summary>
    public static string[] Hours(IEnumerable<DateTime> hourStarts)
    {
        var hours = hourStarts.ToList();
        return [.. hours.Select((h, i) => i % 3 == 0 || i == hours.Count - 1 ? h.ToString("HH:00", System.Globalization.CultureInfo.InvariantCulture) : "")];
    }
}
