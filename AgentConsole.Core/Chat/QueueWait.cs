using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Schedules;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Chat;

/// <summary>
/// The wait a queued customer is told: the desk clears about (case slots of the agents working) ÷
/// (typical handling time) cases a minute, so the case at position p waits about p × handling ÷
/// slots. Handling time is the median of recently resolved cases (assigned to resolved), so the
/// estimate follows the desk's real pace, not a constant.
/// </summary>
public static class QueueWait
{
    /// <summary>The handling time assumed until the desk has resolved enough cases to measure its own.</summary>
    public static readonly TimeSpan DefaultHandlingTime = TimeSpan.FromMinutes(6);

    /// <summary>How many recent resolutions the median needs before it replaces <see cref="DefaultHandlingTime"/>.</summary>
    public const int MinimumSample = 3;

    /// <summary>
    /// The estimated wait at <paramref name="position"/> (1 = next), given recent handling times and
    /// the capacities of the agents now working (available or busy). With nobody working, the wait
    /// is unknown: null.
    /// </summary>
    public static TimeSpan? Estimate(int position, IReadOnlyList<TimeSpan> recentHandlingTimes, IReadOnlyList<int> workingCapacities)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        var slots = workingCapacities.Where(c => c > 0).Sum();
        if (slots == 0) return null;
        var handling = Median(recentHandlingTimes) ?? DefaultHandlingTime;
        var seconds = Math.Max(30, position * handling.TotalSeconds / slots);
        // People read waits in whole minutes beyond the first.
        return TimeSpan.FromSeconds(seconds < 60 ? Math.Ceiling(seconds / 10) * 10 : Math.Ceiling(seconds / 60) * 60);
    }

    private static TimeSpan? Median(IReadOnlyList<TimeSpan> times)
    {
        var valid = times.Where(t => t > TimeSpan.Zero).Order().ToList();
        if (valid.Count < MinimumSample) return null;
        return valid.Count % 2 == 1 ? valid[valid.Count / 2] : (valid[valid.Count / 2 - 1] + valid[valid.Count / 2]) / 2;
    }
}

/// <summary>
/// Reads what <see cref="QueueWait"/> needs, at most every <see cref="Refresh"/>: with thousands of
/// customers waiting, each status would otherwise read the desk's recent history again.
/// </summary>
public sealed class QueueWaitEstimator(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>How long the figures are reused.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private (DateTimeOffset At, List<TimeSpan> Handling, List<int> Capacities)? _figures;
    private (DateTimeOffset At, List<(Guid TeamId, SkillLevels Skills)> Agents, Dictionary<Guid, BusinessCalendar> Hours)? _desk;

    /// <summary>
    /// When every team that could take a case of <paramref name="skill"/> and <paramref name="priority"/> is closed:
    /// when the first opens (see <see cref="ExpectedAnswer"/>); null otherwise.
    /// </summary>
    public async Task<DateTime?> ExpectedAnswerAsync(Skill skill, CasePriority priority, CancellationToken cancellationToken = default)
    {
        var desk = _desk;
        if (desk is not { } known || time.GetUtcNow() - known.At >= Refresh)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var hours = await db.TeamHours.AsNoTracking().ToListAsync(cancellationToken);
            var agents = hours.Count == 0 ? [] : await db.Agents.AsNoTracking().ToListAsync(cancellationToken);
            _desk = desk = (time.GetUtcNow(), agents.Select(a => (a.TeamId, SkillLevels.From(a.Skills))).ToList(), hours.ToDictionary(h => h.TeamId, h => new BusinessCalendar(h)));
        }
        var figures = desk.Value;
        return figures.Hours.Count == 0 ? null : ExpectedAnswer.At(skill, priority, figures.Agents, figures.Hours, time.GetUtcNow().UtcDateTime);
    }

    /// <summary>The estimated wait at <paramref name="position"/>, or null while no agent works.</summary>
    public async Task<TimeSpan?> EstimateAsync(int position, CancellationToken cancellationToken = default)
    {
        var figures = await FiguresAsync(cancellationToken);
        return QueueWait.Estimate(position, figures.Handling, figures.Capacities);
    }

    private async Task<(DateTimeOffset At, List<TimeSpan> Handling, List<int> Capacities)> FiguresAsync(CancellationToken cancellationToken)
    {
        if (_figures is { } known && time.GetUtcNow() - known.At < Refresh) return known;
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (_figures is { } fresh && time.GetUtcNow() - fresh.At < Refresh) return fresh;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var resolved = await db.Cases.AsNoTracking()
                .Where(c => c.Status == CaseStatus.Resolved && c.AssignedAt != null && c.ResolvedAt != null)
                .OrderByDescending(c => c.Id).Take(50)
                .Select(c => new { c.AssignedAt, c.ResolvedAt }).ToListAsync(cancellationToken);
            var capacities = await db.Agents.AsNoTracking()
                .Where(a => a.Presence == Presence.Available || a.Presence == Presence.Busy)
                .Select(a => a.Capacity).ToListAsync(cancellationToken);
            var figures = (time.GetUtcNow(), resolved.Select(c => c.ResolvedAt!.Value - c.AssignedAt!.Value).ToList(), capacities);
            _figures = figures;
            return figures;
        }
        finally
        {
            _reading.Release();
        }
    }
}
