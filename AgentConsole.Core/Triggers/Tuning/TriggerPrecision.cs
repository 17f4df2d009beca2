using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>
/// One trigger's precision over a span: of the cases it helped open, how many an agent flagged as
/// an unnecessary escalation. A case counts once per trigger among its reasons, however many
/// agents flagged it.
/// </summary>
/// <param name="Trigger">The trigger's name, as the reasons record it ("keyword-repeat").</param>
/// <param name="Escalations">Cases opened with the trigger among their reasons.</param>
/// <param name="FlaggedUnnecessary">Of those, the cases flagged unnecessary.</param>
/// <param name="FlaggedCaseIds">A few of the flagged cases, newest first.</param>
public sealed record TriggerPrecision(string Trigger, int Escalations, int FlaggedUnnecessary, IReadOnlyList<long> FlaggedCaseIds)
{
    /// <summary>The share of its escalations not flagged unnecessary; null with no escalations.</summary>
    public double? Precision => Escalations == 0 ? null : 1 - (double)FlaggedUnnecessary / Escalations;

    /// <summary>Each trigger's precision over <paramref name="cases"/>, the most escalations first.</summary>
    public static IReadOnlyList<TriggerPrecision> Of(IEnumerable<CaseOutcome> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return cases
            .SelectMany(c => c.Triggers.Select(trigger => (trigger, c)))
            .GroupBy(p => p.trigger, StringComparer.Ordinal)
            .Select(g => new TriggerPrecision(g.Key, g.Count(), g.Count(p => p.c.FlaggedUnnecessary),
                g.Where(p => p.c.FlaggedUnnecessary).OrderByDescending(p => p.c.OpenedAt).ThenByDescending(p => p.c.CaseId)
                    .Select(p => p.c.CaseId).Take(ProposedChange.MaxExamples).ToList()))
            .OrderByDescending(p => p.Escalations).ThenBy(p => p.Trigger, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>Computes <see cref="TriggerPrecision"/> from the stored cases and flags.</summary>
public sealed class TriggerPrecisionQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>
    /// Each trigger's precision over the cases opened in the days of <paramref name="filter"/>; only
    /// its date range applies (a trigger's precision is about the trigger, not about one segment).
    /// </summary>
    public async Task<IReadOnlyList<TriggerPrecision>> ComputeAsync(MetricsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return TriggerPrecision.Of(await TuningHistory.CasesAsync(db, filter.UtcStart, filter.UtcEnd, cancellationToken));
    }
}
