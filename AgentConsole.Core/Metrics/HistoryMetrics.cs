using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics.Facts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// The desk's history figures, computed from the stored conversations, messages, ratings, flags
/// and the case event log for a <see cref="MetricsFilter"/>: nothing is estimated or sampled.
/// They read the per-case and per-conversation fact rows the store's triggers keep from those
/// tables (<see cref="Facts.FactsSql"/>), and their day rollups where those serve the filter
/// (<see cref="Facts.FactRollups"/>): counts and sums come back from the store, and the exact
/// percentiles are taken in memory over the filtered cases' durations.
/// Conversations count by when they started, cases by when they opened. Each figure carries the count it was
/// computed over, and a figure over nothing has no value rather than zero.
/// </summary>
public class HistoryMetrics(IDbContextFactory<AgentConsoleDbContext> dbFactory, IOptions<MetricsOptions> options)
{
    /// <summary>A filter of the days <paramref name="from"/> to <paramref name="to"/> (both included) in the desk's configured time zone.</summary>
    public MetricsFilter Days(DateOnly from, DateOnly to) => new(from, to, options.Value.DeskTimeZone);

    /// <summary>Every figure for <paramref name="filter"/>.</summary>
    public virtual async Task<HistoryReport> ReportAsync(MetricsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await FactsCatchUp.OpenCurrentAsync(dbFactory, options.Value, cancellationToken);
        var rollups = await FactRollups.ServeAsync(db, filter, options.Value, cancellationToken);
        var conversations = await HistoryRows.ConversationsAsync(db, filter, rollups, cancellationToken);
        var cases = await HistoryRows.CaseTimesAsync(db, filter, cancellationToken);
        var totals = await HistoryRows.CaseTotalsAsync(db, filter, rollups, cancellationToken);
        var ratings = await HistoryRows.RatingsAsync(db, filter, rollups, cancellationToken);
        return new HistoryReport(filter, filter.UtcStart, filter.UtcEnd,
            HistoryCalculator.EscalationRate(conversations, filter),
            HistoryCalculator.TimeToEscalate(cases, options.Value.AutomationLoop),
            HistoryCalculator.ResolutionTime(cases),
            HistoryCalculator.Csat(ratings, conversations),
            HistoryCalculator.Bottlenecks(cases, totals));
    }

    /// <summary>Escalated conversations over all conversations that started in the range, with its trend per day (per week beyond 62 days).</summary>
    public virtual async Task<EscalationRateFigure> EscalationRateAsync(MetricsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await FactsCatchUp.OpenCurrentAsync(dbFactory, options.Value, cancellationToken);
        var rollups = await FactRollups.ServeAsync(db, filter, options.Value, cancellationToken);
        return HistoryCalculator.EscalationRate(await HistoryRows.ConversationsAsync(db, filter, rollups, cancellationToken), filter);
    }

    /// <summary>First customer message to escalation, for the cases the bot had first, and the share beyond the automation loop limit.</summary>
    public virtual async Task<TimeToEscalateFigure> TimeToEscalateAsync(MetricsFilter filter, CancellationToken cancellationToken = default) =>
        HistoryCalculator.TimeToEscalate(await CaseTimesAsync(filter, cancellationToken), options.Value.AutomationLoop);

    /// <summary>First assignment to resolution, escalated cases against cases that started with a human.</summary>
    public virtual async Task<ResolutionTimeFigure> ResolutionTimeAsync(MetricsFilter filter, CancellationToken cancellationToken = default) =>
        HistoryCalculator.ResolutionTime(await CaseTimesAsync(filter, cancellationToken));

    /// <summary>CSAT bot-only against escalated, overall and by category, and the share of conversations rated.</summary>
    public virtual async Task<CsatFigure> CsatAsync(MetricsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await FactsCatchUp.OpenCurrentAsync(dbFactory, options.Value, cancellationToken);
        var rollups = await FactRollups.ServeAsync(db, filter, options.Value, cancellationToken);
        var ratings = await HistoryRows.RatingsAsync(db, filter, rollups, cancellationToken);
        return HistoryCalculator.Csat(ratings, await HistoryRows.ConversationsAsync(db, filter, rollups, cancellationToken));
    }

    /// <summary>Queue wait before assignment, bounces, transfers, reassignments and the misrouted rate.</summary>
    public virtual async Task<BottleneckFigure> BottlenecksAsync(MetricsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await FactsCatchUp.OpenCurrentAsync(dbFactory, options.Value, cancellationToken);
        var rollups = await FactRollups.ServeAsync(db, filter, options.Value, cancellationToken);
        return HistoryCalculator.Bottlenecks(await HistoryRows.CaseTimesAsync(db, filter, cancellationToken),
            await HistoryRows.CaseTotalsAsync(db, filter, rollups, cancellationToken));
    }

    private async Task<List<CaseTimes>> CaseTimesAsync(MetricsFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await FactsCatchUp.OpenCurrentAsync(dbFactory, options.Value, cancellationToken);
        return await HistoryRows.CaseTimesAsync(db, filter, cancellationToken);
    }
}
