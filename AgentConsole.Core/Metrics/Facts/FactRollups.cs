using System.Globalization;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics.Facts;

/// <summary>
/// Keeps the day rollups (<see cref="RollupSql"/>) in step with the fact rows, inside the catch-up's
/// write transaction: a catch-up records the UTC hours whose fact rows it changed, and
/// <see cref="RefreshWaitingAsync"/> redoes those hours' local days. The rollups are built for one
/// time zone and reopen window (they decide a row's day, hour and first-contact outcome); when the
/// desk's differ, <see cref="BuildStepAsync"/> forgets them and builds them again, <see cref="ChunkDays"/>
/// days per catch-up so no writer waits long. Until they are complete and match, the figures read the fact rows.
/// </summary>
public static class FactRollups
{
    /// <summary>The most days one statement redoes, and one build step adds: a week of a million-case desk builds in a second or two.</summary>
    public const int ChunkDays = 7;

    private const string StoredHour = "yyyy-MM-dd HH";

    /// <summary>What the rollups were built for, and how far a build has got.</summary>
    internal sealed class State
    {
        public string? Zone { get; init; }
        public int ReopenWindowDays { get; init; }
        public int NextDay { get; init; }
        public bool Complete { get; init; }

        /// <summary>Whether they are complete and built for <paramref name="zone"/> and <paramref name="reopenWindowDays"/>.</summary>
        public bool Serves(TimeZoneInfo zone, int reopenWindowDays) => Complete && Zone == zone.Id && ReopenWindowDays == reopenWindowDays;
    }

    internal static Task<State> StateAsync(AgentConsoleDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<State>(Names(db, "SELECT Zone, ReopenWindowDays, NextDay, Complete FROM RollupState")).SingleAsync(cancellationToken);

    /// <summary>Whether the rollups can answer <paramref name="filter"/>'s figures: switched on, complete, and built for its time zone and the desk's reopen window.</summary>
    internal static async Task<bool> ServeAsync(AgentConsoleDbContext db, MetricsFilter filter, MetricsOptions options, CancellationToken cancellationToken) =>
        options.Rollups && (await StateAsync(db, cancellationToken)).Serves(filter.TimeZone, options.ReopenWindowDays);

    /// <summary>Whether the rollups are complete and built for the desk's time zone and reopen window.</summary>
    internal static async Task<bool> BuiltForAsync(AgentConsoleDbContext db, MetricsOptions options, CancellationToken cancellationToken) =>
        (await StateAsync(db, cancellationToken)).Serves(options.DeskTimeZone, options.ReopenWindowDays);

    /// <summary>
    /// Redoes the local days of the UTC hours a catch-up recorded (those a build has reached; the build
    /// reads the rest when it gets there) and clears the record. Runs inside the catch-up's transaction.
    /// </summary>
    internal static async Task RefreshWaitingAsync(AgentConsoleDbContext db, CancellationToken cancellationToken)
    {
        var hours = await db.Database.SqlQueryRaw<string>(Names(db, "SELECT Hour AS Value FROM RollupDirty")).ToListAsync(cancellationToken);
        if (hours.Count == 0) return;
        var state = await StateAsync(db, cancellationToken);
        if (state.Zone is not null && Zone(state.Zone) is { } zone)
        {
            var days = new SortedSet<DateOnly>();
            foreach (var hour in hours)
            {
                var start = DateTime.ParseExact(hour, StoredHour, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                // An hour can straddle two local days where the offset is not whole hours.
                days.Add(LocalDay(start, zone));
                days.Add(LocalDay(start.AddHours(1).AddTicks(-1), zone));
            }
            foreach (var (first, last) in Runs(days.Where(d => state.Complete || d.DayNumber < state.NextDay)))
                await ExecuteAsync(db, Sql(db).Refresh(first, last, zone, state.ReopenWindowDays), cancellationToken);
        }
        await db.Database.ExecuteSqlRawAsync(Names(db, "DELETE FROM RollupDirty;"), cancellationToken);
    }

    /// <summary>
    /// One step of building the rollups for the desk's time zone and reopen window, inside a write
    /// transaction: forgets rollups built for others and starts again from the first day with facts,
    /// then builds the next <see cref="ChunkDays"/> days. Returns whether days are left to build.
    /// </summary>
    internal static async Task<bool> BuildStepAsync(AgentConsoleDbContext db, MetricsOptions options, CancellationToken cancellationToken)
    {
        var (zone, window) = (options.DeskTimeZone, options.ReopenWindowDays);
        var state = await StateAsync(db, cancellationToken);
        var next = state.NextDay;
        if (state.Zone != zone.Id || state.ReopenWindowDays != window)
        {
            await ExecuteAsync(db, FactsDialect.Of(db.Database).Names(Sql(db).Forget), cancellationToken);
            next = await EdgeDayAsync(db, false, zone, cancellationToken) is { } firstDay ? firstDay.DayNumber : int.MaxValue;
        }
        else if (state.Complete) return false;

        var last = await EdgeDayAsync(db, true, zone, cancellationToken);
        if (last is { } lastDay && next <= lastDay.DayNumber)
        {
            var through = Math.Min(next + ChunkDays - 1, lastDay.DayNumber);
            await ExecuteAsync(db, Sql(db).Refresh(DateOnly.FromDayNumber(next), DateOnly.FromDayNumber(through), zone, window), cancellationToken);
            next = through + 1;
        }
        var complete = last is null || next > last.Value.DayNumber;
        await db.Database.ExecuteSqlRawAsync(Names(db, "UPDATE RollupState SET Zone = {0}, ReopenWindowDays = {1}, NextDay = {2}, Complete = {3};"),
            [zone.Id, window, next, complete], cancellationToken);
        return !complete;
    }

    private const string FirstFact =
        "SELECT min(x) AS Value FROM (SELECT (SELECT min(OpenedAt) FROM CaseFacts) AS x UNION ALL SELECT (SELECT min(CreatedAt) FROM ConversationFacts)) AS edges";

    private const string LastFact =
        "SELECT max(x) AS Value FROM (SELECT (SELECT max(OpenedAt) FROM CaseFacts) AS x UNION ALL SELECT (SELECT max(CreatedAt) FROM ConversationFacts)) AS edges";

    /// <summary>The local day of the earliest (<paramref name="last"/> false) or latest fact row, or null with none.</summary>
    private static async Task<DateOnly?> EdgeDayAsync(AgentConsoleDbContext db, bool last, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var stored = await db.Database.SqlQueryRaw<DateTime?>(Names(db, last ? LastFact : FirstFact)).SingleAsync(cancellationToken);
        return stored is { } at ? LocalDay(DateTime.SpecifyKind(at, DateTimeKind.Utc), zone) : null;
    }

    private static DateOnly LocalDay(DateTime utc, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));

    private static TimeZoneInfo? Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    /// <summary>The runs of consecutive days in <paramref name="days"/> (ascending), none longer than <see cref="ChunkDays"/>.</summary>
    private static IEnumerable<(DateOnly First, DateOnly Last)> Runs(IEnumerable<DateOnly> days)
    {
        DateOnly? first = null, last = null;
        foreach (var day in days)
        {
            if (first is { } f && last is { } l && day.DayNumber == l.DayNumber + 1 && day.DayNumber - f.DayNumber < ChunkDays)
            {
                last = day;
                continue;
            }
            if (first is { } done) yield return (done, last!.Value);
            (first, last) = (day, day);
        }
        if (first is { } end) yield return (end, last!.Value);
    }

    private static RollupSql Sql(AgentConsoleDbContext db) => FactsSql.For(db.Database).Rollups;

    private static string Names(AgentConsoleDbContext db, string sql) => FactsDialect.Of(db.Database).Names(sql);

    private static async Task ExecuteAsync(AgentConsoleDbContext db, IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }
}
