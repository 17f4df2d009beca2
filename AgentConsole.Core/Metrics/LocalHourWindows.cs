using System.Linq.Expressions;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// A filter's local hour of day as a condition the store can evaluate. The range is cut where the
/// zone's UTC offset changes (clock changes); within each stretch the offset is fixed, so "local hour
/// h" is a fixed window of the UTC minute of day. The store then filters by range and minute of day,
/// with no rows brought back to be checked one by one.
/// </summary>
internal static class LocalHourWindows
{
    private const int MinutesPerDay = 24 * 60;
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    /// <summary>One stretch of the range with a fixed UTC offset, in minutes.</summary>
    public readonly record struct Stretch(DateTime Start, DateTime End, int OffsetMinutes);

    /// <summary>The stretches of <paramref name="filter"/>'s range, each with its offset; clock changes fall on quarter hours.</summary>
    public static IReadOnlyList<Stretch> Stretches(MetricsFilter filter)
    {
        var (start, end) = (filter.UtcStart, filter.UtcEnd);
        var stretches = new List<Stretch>();
        var offset = Offset(filter.TimeZone, start);
        var stretchStart = start;
        for (var t = start + Step; t < end; t += Step)
        {
            var next = Offset(filter.TimeZone, t);
            if (next == offset) continue;
            stretches.Add(new Stretch(stretchStart, t, offset));
            (stretchStart, offset) = (t, next);
        }
        stretches.Add(new Stretch(stretchStart, end, offset));
        return stretches;
    }

    /// <summary>
    /// Narrows <paramref name="query"/> to the rows whose instant <paramref name="at"/> falls in the
    /// filter's range and, when it names one, its local hour of day.
    /// </summary>
    public static IQueryable<T> InRangeAndHour<T>(IQueryable<T> query, Expression<Func<T, DateTime>> at, MetricsFilter filter)
    {
        var (start, end) = (filter.UtcStart, filter.UtcEnd);
        var instant = at.Body;
        var parameter = at.Parameters[0];
        Expression condition = Expression.AndAlso(
            Expression.GreaterThanOrEqual(instant, Expression.Constant(start)),
            Expression.LessThan(instant, Expression.Constant(end)));
        if (filter.HourOfDay is { } hour)
        {
            Expression? any = null;
            foreach (var stretch in Stretches(filter))
            {
                // Local minute of day = UTC minute of day + offset; shifted so local hour h starts at 0.
                var shift = (((stretch.OffsetMinutes - hour * 60) % MinutesPerDay) + MinutesPerDay) % MinutesPerDay;
                var minuteOfDay = Expression.Add(
                    Expression.Multiply(Expression.Property(instant, nameof(DateTime.Hour)), Expression.Constant(60)),
                    Expression.Property(instant, nameof(DateTime.Minute)));
                var inHour = Expression.LessThan(
                    Expression.Modulo(Expression.Add(minuteOfDay, Expression.Constant(shift)), Expression.Constant(MinutesPerDay)),
                    Expression.Constant(60));
                var inStretch = Expression.AndAlso(
                    Expression.AndAlso(Expression.GreaterThanOrEqual(instant, Expression.Constant(stretch.Start)), Expression.LessThan(instant, Expression.Constant(stretch.End))),
                    inHour);
                any = any is null ? inStretch : Expression.OrElse(any, inStretch);
            }
            condition = Expression.AndAlso(condition, any!);
        }
        return query.Where(Expression.Lambda<Func<T, bool>>(condition, parameter));
    }

    private static int Offset(TimeZoneInfo zone, DateTime utc) => (int)zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).TotalMinutes;
}
