namespace AgentConsole.Core.Metrics;

/// <summary>The history figures from the counts and durations the store returns: pure, so each can be checked against hand-computed values.</summary>
internal static class HistoryCalculator
{
    /// <summary>Ranges longer than this many days trend per week rather than per day.</summary>
    public const int DailyTrendMaxDays = 62;

    public static EscalationRateFigure EscalationRate(IReadOnlyList<ConversationCount> conversations, MetricsFilter filter)
    {
        var period = filter.Days > DailyTrendMaxDays ? TrendPeriod.Week : TrendPeriod.Day;
        var length = period == TrendPeriod.Week ? 7 : 1;
        var buckets = (filter.Days + length - 1) / length;
        var counts = new (int Escalated, int All)[buckets];
        var hours = new (int Escalated, int All)[24];
        foreach (var c in conversations)
        {
            hours[c.Hour].All += c.All;
            hours[c.Hour].Escalated += c.Escalated;
            var i = (c.Day.DayNumber - filter.From.DayNumber) / length;
            if (i < 0 || i >= buckets) continue;
            counts[i].All += c.All;
            counts[i].Escalated += c.Escalated;
        }
        var trend = counts.Select((n, i) => new RatePoint(filter.From.AddDays(i * length), new Rate(n.Escalated, n.All))).ToList();
        var byHour = hours.Select((n, h) => new HourRate(h, new Rate(n.Escalated, n.All))).ToList();
        return new EscalationRateFigure(new Rate(conversations.Sum(c => c.Escalated), conversations.Sum(c => c.All)), period, trend, byHour);
    }

    public static TimeToEscalateFigure TimeToEscalate(IReadOnlyList<CaseTimes> cases, TimeSpan automationLoop)
    {
        var durations = cases.Where(c => c.Escalate is not null).Select(c => TimeSpan.FromTicks(c.Escalate!.Value)).ToList();
        return new TimeToEscalateFigure(DurationStats.Of(durations), new Rate(durations.Count(d => d > automationLoop), durations.Count), automationLoop);
    }

    public static ResolutionTimeFigure ResolutionTime(IReadOnlyList<CaseTimes> cases)
    {
        var resolved = cases.Where(c => c.Resolve is not null).Select(c => (c.BotFirst, Duration: TimeSpan.FromTicks(c.Resolve!.Value))).ToList();
        return new ResolutionTimeFigure(
            DurationStats.Of(resolved.Where(c => c.BotFirst).Select(c => c.Duration)),
            DurationStats.Of(resolved.Where(c => !c.BotFirst).Select(c => c.Duration)));
    }

    public static CsatFigure Csat(IReadOnlyList<RatingGroup> ratings, IReadOnlyList<ConversationCount> conversations)
    {
        var byCategory = ratings.GroupBy(r => r.Category).OrderBy(g => g.Key)
            .Select(g => new CategoryCsat(g.Key, Compare(g))).ToList();
        return new CsatFigure(Compare(ratings), byCategory, new Rate(conversations.Sum(c => c.Rated), conversations.Sum(c => c.All)));

        static CsatComparison Compare(IEnumerable<RatingGroup> rows) =>
            new(Average(rows.Where(r => !r.Escalated)), Average(rows.Where(r => r.Escalated)));

        static ScoreAverage Average(IEnumerable<RatingGroup> rows)
        {
            var (count, sum) = rows.Aggregate((Count: 0, Sum: 0L), (a, r) => (a.Count + r.Ratings, a.Sum + r.Sum));
            return new ScoreAverage(count, count == 0 ? null : (double)sum / count);
        }
    }

    public static BottleneckFigure Bottlenecks(IReadOnlyList<CaseTimes> cases, CaseTotals totals)
    {
        var waits = cases.Where(c => c.Wait is not null).Select(c => TimeSpan.FromTicks(c.Wait!.Value));
        var n = totals.Cases;
        return new BottleneckFigure(DurationStats.Of(waits), new PerCase(n, totals.Declines + totals.TimeOuts + totals.Reclaims),
            totals.Declines, totals.TimeOuts, totals.Reclaims,
            new PerCase(n, totals.Transfers), new PerCase(n, totals.Reassignments),
            new Rate(totals.Misrouted, n),
            new RepeatFigure(new Rate(totals.AnyRepeat, n), new Rate(totals.FlaggedRepeat, n), new Rate(totals.DetectedRepeat, n)));
    }
}
