namespace AgentConsole.Core.Metrics;

/// <summary>The history figures from projected rows: pure, so each can be checked against hand-computed values.</summary>
internal static class HistoryCalculator
{
    /// <summary>Ranges longer than this many days trend per week rather than per day.</summary>
    public const int DailyTrendMaxDays = 62;

    public static EscalationRateFigure EscalationRate(IReadOnlyList<ConversationRow> conversations, MetricsFilter filter)
    {
        var period = filter.Days > DailyTrendMaxDays ? TrendPeriod.Week : TrendPeriod.Day;
        var length = period == TrendPeriod.Week ? 7 : 1;
        var buckets = (filter.Days + length - 1) / length;
        var counts = new (int Escalated, int All)[buckets];
        foreach (var c in conversations)
        {
            var i = (filter.LocalDay(c.CreatedAt).DayNumber - filter.From.DayNumber) / length;
            if (i < 0 || i >= buckets) continue;
            counts[i].All++;
            if (c.Escalated) counts[i].Escalated++;
        }
        var trend = counts.Select((n, i) => new RatePoint(filter.From.AddDays(i * length), new Rate(n.Escalated, n.All))).ToList();
        var byHour = conversations.ToLookup(c => filter.ToLocal(c.CreatedAt).Hour);
        var hours = Enumerable.Range(0, 24).Select(h => new HourRate(h, new Rate(byHour[h].Count(c => c.Escalated), byHour[h].Count()))).ToList();
        return new EscalationRateFigure(new Rate(conversations.Count(c => c.Escalated), conversations.Count), period, trend, hours);
    }

    public static TimeToEscalateFigure TimeToEscalate(IReadOnlyList<CaseRow> cases, TimeSpan automationLoop)
    {
        var durations = cases.Where(c => c.BotFirst && c.FirstCustomerMessageAt is not null)
            .Select(c => NotNegative(c.OpenedAt - c.FirstCustomerMessageAt!.Value)).ToList();
        return new TimeToEscalateFigure(DurationStats.Of(durations), new Rate(durations.Count(d => d > automationLoop), durations.Count), automationLoop);
    }

    public static ResolutionTimeFigure ResolutionTime(IReadOnlyList<CaseRow> cases)
    {
        var resolved = cases.Where(c => c.FirstAssignedAt is not null && c.ResolvedAt is not null)
            .Select(c => (c.BotFirst, Duration: NotNegative(c.ResolvedAt!.Value - c.FirstAssignedAt!.Value))).ToList();
        return new ResolutionTimeFigure(
            DurationStats.Of(resolved.Where(c => c.BotFirst).Select(c => c.Duration)),
            DurationStats.Of(resolved.Where(c => !c.BotFirst).Select(c => c.Duration)));
    }

    public static CsatFigure Csat(IReadOnlyList<RatingRow> ratings, IReadOnlyList<ConversationRow> conversations)
    {
        var byCategory = ratings.GroupBy(r => r.Category).OrderBy(g => g.Key)
            .Select(g => new CategoryCsat(g.Key, Compare(g))).ToList();
        return new CsatFigure(Compare(ratings), byCategory, new Rate(conversations.Count(c => c.Rated), conversations.Count));

        static CsatComparison Compare(IEnumerable<RatingRow> rows) =>
            new(ScoreAverage.Of(rows.Where(r => !r.Escalated).Select(r => r.Score)), ScoreAverage.Of(rows.Where(r => r.Escalated).Select(r => r.Score)));
    }

    public static BottleneckFigure Bottlenecks(IReadOnlyList<CaseRow> cases)
    {
        var waits = cases.Where(c => c.FirstAssignedAt is not null).Select(c => NotNegative(c.FirstAssignedAt!.Value - (c.QueuedAt ?? c.OpenedAt)));
        var (declines, timeOuts, reclaims) = (cases.Sum(c => c.Declines), cases.Sum(c => c.TimeOuts), cases.Sum(c => c.Reclaims));
        return new BottleneckFigure(DurationStats.Of(waits), new PerCase(cases.Count, declines + timeOuts + reclaims), declines, timeOuts, reclaims,
            new PerCase(cases.Count, cases.Sum(c => c.Transfers)), new PerCase(cases.Count, cases.Sum(c => c.Reassignments)),
            new Rate(cases.Count(c => c.Misrouted), cases.Count),
            new RepeatFigure(new Rate(cases.Count(c => c.FlaggedRepeat || c.DetectedRepeat), cases.Count),
                new Rate(cases.Count(c => c.FlaggedRepeat), cases.Count), new Rate(cases.Count(c => c.DetectedRepeat), cases.Count)));
    }

    private static TimeSpan NotNegative(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
