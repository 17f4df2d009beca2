using System.Globalization;
using System.Text;
using AgentConsole.Core.Common;

namespace AgentConsole.Core.Schedules;

/// <summary>
/// Opening hours and holidays as an admin types them: spans such as <c>Mon-Fri 09:00-17:00; Sat 10:00-14:00</c>
/// (a closing time of 00:00 is midnight) and dates such as <c>2026-12-24, 2026-12-25</c>. Bad text is a
/// <see cref="DomainException"/> naming the part that did not parse.
/// </summary>
public static class OpeningHoursText
{
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <summary>The spans written in <paramref name="text"/>.</summary>
    public static IReadOnlyList<OpeningSpan> ParseSpans(string? text)
    {
        var spans = new List<OpeningSpan>();
        foreach (var part in (text ?? "").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var times = pieces.Length == 2 ? pieces[1].Split('-') : [];
            if (times.Length != 2 || !Time(times[0], out var opens) || !Time(times[1], out var closes) || !DayRange(pieces[0], out var days))
                throw new DomainException($"'{part}' is not an opening span such as \"Mon-Fri 09:00-17:00\".");
            spans.AddRange(days.Select(d => new OpeningSpan(d, opens, closes)));
        }
        return spans;
    }

    /// <summary>The dates written in <paramref name="text"/>, separated by commas, semicolons or new lines.</summary>
    public static IReadOnlyList<DateOnly> ParseHolidays(string? text) =>
        [.. (text ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d =>
            DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new DomainException($"'{d}' is not a date such as 2026-12-25."))];

    /// <summary>The spans as <see cref="ParseSpans"/> reads them, one day each.</summary>
    public static string Format(IEnumerable<OpeningSpan> spans)
    {
        var text = new StringBuilder();
        foreach (var span in spans)
            text.Append(text.Length == 0 ? "" : "; ").Append(Days[(int)span.Day]).Append(' ')
                .Append(span.Opens.ToString("HH\\:mm", CultureInfo.InvariantCulture)).Append('-').Append(span.Closes.ToString("HH\\:mm", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>The dates as <see cref="ParseHolidays"/> reads them.</summary>
    public static string Format(IEnumerable<DateOnly> holidays) => string.Join(", ", holidays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private static bool Time(string text, out TimeOnly time) => TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static bool DayRange(string text, out IReadOnlyList<DayOfWeek> days)
    {
        days = [];
        var ends = text.Split('-');
        var from = Array.FindIndex(Days, d => d.Equals(ends[0], StringComparison.OrdinalIgnoreCase));
        var to = ends.Length == 1 ? from : Array.FindIndex(Days, d => d.Equals(ends[1], StringComparison.OrdinalIgnoreCase));
        if (ends.Length > 2 || from < 0 || to < 0) return false;
        var list = new List<DayOfWeek>();
        for (var d = from; ; d = (d + 1) % 7)
        {
            list.Add((DayOfWeek)d);
            if (d == to) break;
        }
        days = list;
        return true;
    }
}
