using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// The queue's order: effective priority first (Urgent, High, Normal, Low), then the longest
/// wait, then the case id. The effective priority is the base priority aged by waiting time
/// (<see cref="AgingOptions"/>). Aging only ever raises a case as it waits longer, so among cases
/// of one base priority the order by waiting time never changes; that is what lets
/// <see cref="CaseQueue"/> keep one list per base priority and compare only their heads.
/// </summary>
public sealed class QueueOrdering
{
    // Indexed by CasePriority: how long a case must wait at that level to rise one more; zero = never.
    private readonly TimeSpan[] _steps;

    /// <summary>An ordering with the thresholds in <paramref name="options"/>.</summary>
    public QueueOrdering(AgingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _steps = new TimeSpan[(int)CasePriority.Urgent + 1];
        _steps[(int)CasePriority.Low] = TimeSpan.FromMinutes(options.LowToNormalMinutes);
        _steps[(int)CasePriority.Normal] = TimeSpan.FromMinutes(options.NormalToHighMinutes);
        _steps[(int)CasePriority.High] = TimeSpan.FromMinutes(options.HighToUrgentMinutes);
    }

    /// <summary>The priority <paramref name="case"/> is ordered by at <paramref name="now"/>.</summary>
    public CasePriority EffectivePriority(CaseToRoute @case, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return EffectivePriority(@case.Priority, @case.QueuedAt, now);
    }

    /// <summary>
    /// The priority a case of base <paramref name="priority"/>, waiting since
    /// <paramref name="queuedAt"/>, is ordered by at <paramref name="now"/>. It rises one level
    /// once it has waited its level's threshold, then waits the next level's threshold on top.
    /// </summary>
    public CasePriority EffectivePriority(CasePriority priority, DateTime queuedAt, DateTime now)
    {
        var waited = now - queuedAt;
        var level = priority;
        var due = TimeSpan.Zero;
        while (level < CasePriority.Urgent && level >= CasePriority.Low)
        {
            var step = _steps[(int)level];
            if (step <= TimeSpan.Zero) break;
            due += step;
            if (waited < due) break;
            level++;
        }
        return level;
    }

    /// <summary>Negative when <paramref name="a"/> comes before <paramref name="b"/> in the queue at <paramref name="now"/>.</summary>
    public int Compare(CaseToRoute a, CaseToRoute b, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // As ints: Enum.CompareTo takes an object and would box on every comparison.
        var byPriority = ((int)EffectivePriority(b, now)).CompareTo((int)EffectivePriority(a, now));
        return byPriority != 0 ? byPriority : CompareWaiting(a, b);
    }

    /// <summary>A comparer for the queue's order frozen at <paramref name="now"/>, for sorting.</summary>
    public IComparer<CaseToRoute> At(DateTime now) => Comparer<CaseToRoute>.Create((a, b) => Compare(a, b, now));

    /// <summary>Longest wait first, then the lower case id.</summary>
    internal static int CompareWaiting(CaseToRoute a, CaseToRoute b)
    {
        var byTime = a.QueuedAt.CompareTo(b.QueuedAt);
        return byTime != 0 ? byTime : a.CaseId.CompareTo(b.CaseId);
    }
}
