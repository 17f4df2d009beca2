using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Metrics;

/// <summary>A share: <see cref="Count"/> of <see cref="Of"/>; no <see cref="Value"/> when there is nothing to share.</summary>
/// <param name="Count">How many of them qualify.</param>
/// <param name="Of">How many there are: what the share was computed over.</param>
public sealed record Rate(int Count, int Of)
{
    /// <summary>The share, 0 to 1, or null when <see cref="Of"/> is 0: no data.</summary>
    public double? Value => Of == 0 ? null : (double)Count / Of;
}

/// <summary>Durations' median and 90th percentile (nearest rank), over <see cref="Count"/> of them; null with none: no data.</summary>
public sealed record DurationStats(int Count, TimeSpan? P50, TimeSpan? P90)
{
    /// <summary>The stats of <paramref name="durations"/>.</summary>
    public static DurationStats Of(IEnumerable<TimeSpan> durations)
    {
        // An array sorted in place: a month at a million cases a year is some eighty thousand durations.
        var sorted = durations.ToArray();
        Array.Sort(sorted);
        return new DurationStats(sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.9));
    }

    /// <summary>
    /// The nearest-rank percentile <paramref name="p"/> (0 to 1) of ascending <paramref name="sorted"/>:
    /// the smallest value with at least that share of the values at or below it. Null for no values.
    /// </summary>
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "A percentile is between 0 and 1.");
        if (sorted.Count == 0) return null;
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}

/// <summary>A count of events spread over <see cref="Cases"/> cases; no <see cref="Mean"/> with no cases.</summary>
/// <param name="Cases">The cases counted over.</param>
/// <param name="Total">The events on them.</param>
public sealed record PerCase(int Cases, int Total)
{
    /// <summary>Events per case, or null with no cases: no data.</summary>
    public double? Mean => Cases == 0 ? null : (double)Total / Cases;
}

/// <summary>The mean of <see cref="Ratings"/> CSAT scores (1 to 5); null with none: no data.</summary>
public sealed record ScoreAverage(int Ratings, double? Mean)
{
    /// <summary>The average of <paramref name="scores"/>.</summary>
    public static ScoreAverage Of(IEnumerable<int> scores)
    {
        var list = scores.ToList();
        return new ScoreAverage(list.Count, list.Count == 0 ? null : list.Average());
    }
}

/// <summary>How a series is bucketed.</summary>
public enum TrendPeriod { Day, Week }

/// <summary>One period of a trend: the period's first local day and the share in it.</summary>
public sealed record RatePoint(DateOnly Start, Rate Rate);

/// <summary>One local hour of day (0 to 23) and the share in it.</summary>
public sealed record HourRate(int Hour, Rate Rate);

/// <summary>Escalated conversations over all conversations, overall, per period and per local hour of day.</summary>
/// <param name="Overall">Conversations that escalated, of those that started in the range.</param>
/// <param name="Period">Whether <paramref name="Trend"/> is per day or per week.</param>
/// <param name="Trend">Every period of the range, oldest first; a period with no conversations has no value.</param>
/// <param name="ByHourOfDay">The 24 local hours the conversations started in, 0 first; an hour with none has no value.</param>
public sealed record EscalationRateFigure(Rate Overall, TrendPeriod Period, IReadOnlyList<RatePoint> Trend, IReadOnlyList<HourRate> ByHourOfDay);

/// <summary>From the customer's first message to the escalation, for cases the bot had first.</summary>
/// <param name="Duration">The median and 90th percentile, over the escalations measured.</param>
/// <param name="OverAutomationLoop">Escalations that took longer than <paramref name="AutomationLoop"/>, of those measured.</param>
/// <param name="AutomationLoop">The configured limit (<see cref="MetricsOptions.AutomationLoopMinutes"/>).</param>
public sealed record TimeToEscalateFigure(DurationStats Duration, Rate OverAutomationLoop, TimeSpan AutomationLoop);

/// <summary>From a case's first assignment to its resolution: escalated cases against cases that started with a human.</summary>
/// <param name="Escalated">Cases the bot had before a human.</param>
/// <param name="StartedWithHuman">Cases opened before the bot said anything.</param>
public sealed record ResolutionTimeFigure(DurationStats Escalated, DurationStats StartedWithHuman)
{
    /// <summary>The escalated cases' median less the others'; null when either has no data.</summary>
    public TimeSpan? MedianDifference => Escalated.P50 - StartedWithHuman.P50;

    /// <summary>Whether escalated cases resolve faster (a lower median); null when either has no data.</summary>
    public bool? EscalatedResolveFaster => MedianDifference is { } d ? d < TimeSpan.Zero : null;
}

/// <summary>CSAT of conversations the bot resolved alone against escalated ones, each with its number of ratings.</summary>
public sealed record CsatComparison(ScoreAverage BotOnly, ScoreAverage Escalated)
{
    /// <summary>Escalated mean less bot-only mean; null when either has no ratings.</summary>
    public double? Delta => Escalated.Mean - BotOnly.Mean;
}

/// <summary>The CSAT comparison of one category.</summary>
public sealed record CategoryCsat(IssueCategory Category, CsatComparison Csat);

/// <summary>CSAT, bot-only against escalated, overall and by category, and how many conversations were rated at all.</summary>
/// <param name="Overall">Every rating in the range.</param>
/// <param name="ByCategory">The categories with at least one rating, in the enum's order.</param>
/// <param name="ShareRated">Conversations with a rating, of those that started in the range.</param>
public sealed record CsatFigure(CsatComparison Overall, IReadOnlyList<CategoryCsat> ByCategory, Rate ShareRated);

/// <summary>Where cases lose time or change hands, over the cases opened in the range.</summary>
/// <param name="QueueWait">From first queued (or opened) to first assignment, for cases assigned.</param>
/// <param name="Bounces">Declines, offer timeouts and reclaims per case.</param>
/// <param name="Declines">Offers declined.</param>
/// <param name="TimeOuts">Offers that timed out.</param>
/// <param name="Reclaims">Cases taken back for a missed first reply.</param>
/// <param name="Transfers">Transfers per case.</param>
/// <param name="Reassignments">Reassignments by a lead (to an agent or back to the queue) per case.</param>
/// <param name="Misrouted">Cases an agent flagged as misrouted.</param>
/// <param name="AskedToRepeat">Cases where the customer had to repeat what the handoff should have carried.</param>
public sealed record BottleneckFigure(DurationStats QueueWait, PerCase Bounces, int Declines, int TimeOuts, int Reclaims,
    PerCase Transfers, PerCase Reassignments, Rate Misrouted, RepeatFigure AskedToRepeat);

/// <summary>
/// The "asked the customer to repeat" rate: cases an agent flagged (<see cref="Cases.CaseFlag.CustomerRepeated"/>), cases
/// where the customer said so after the handoff (<see cref="Cases.RepeatMention"/>, each linked to its message), and either.
/// </summary>
public sealed record RepeatFigure(Rate Either, Rate Flagged, Rate Detected);

/// <summary>Every history figure for one filter.</summary>
/// <param name="Filter">What was asked for.</param>
/// <param name="UtcStart">The range's first instant.</param>
/// <param name="UtcEnd">The instant after the range.</param>
/// <param name="EscalationRate">Escalated conversations over all conversations.</param>
/// <param name="TimeToEscalate">First customer message to escalation.</param>
/// <param name="ResolutionTime">First assignment to resolution, escalated against started with a human.</param>
/// <param name="Csat">CSAT, bot-only against escalated.</param>
/// <param name="Bottlenecks">Queue wait, bounces, transfers, reassignments, misrouting.</param>
public sealed record HistoryReport(MetricsFilter Filter, DateTime UtcStart, DateTime UtcEnd, EscalationRateFigure EscalationRate,
    TimeToEscalateFigure TimeToEscalate, ResolutionTimeFigure ResolutionTime, CsatFigure Csat, BottleneckFigure Bottlenecks);
