using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Delivery;

/// <summary>A waiting case as the queue orders it for customers.</summary>
public readonly record struct QueuedCase(long CaseId, CasePriority Priority, DateTime QueuedAt)
{
    /// <summary>When every team that could take the case is closed: the opening it waits for (see <see cref="Schedules.ExpectedAnswer"/>).</summary>
    public DateTime? ExpectedAnswerAt { get; init; }
}

/// <summary>
/// Remembers the queue position last reported for each waiting case of an external bot, and
/// decides which cases to report after the queue moved. Positions count as the conversation
/// status does: higher priority first, then the longest waiting, then the earlier case.
/// <para>
/// Bounded: a case is reported when it gets a position, and afterwards only when its position
/// changed, exactly near the front (<see cref="ExactUpTo"/>) and further back only once it moved
/// by a fifth. So each case is reported about <c>ExactUpTo + 5·ln(position)</c> times while it
/// waits, whatever the queue's length, and no command reports more than <see cref="MaxPerMove"/>
/// (the rest follow on the next move).
/// </para>
/// After a restart the tracker starts empty, and the caller seeds each waiting case it meets with
/// the position last stored for it (<see cref="Changes"/>' <c>lastReported</c>), so a restart alone
/// reports nothing again: only a case whose place moved enough since that report is told.
/// </summary>
public sealed class QueuePositions
{
    /// <summary>Positions up to this one are reported at every change.</summary>
    public const int ExactUpTo = 10;

    /// <summary>The most positions reported for one move of the queue.</summary>
    public const int MaxPerMove = 100;

    // Waiting cases the tracker knows: their target (null for a widget case), and the position last reported.
    private readonly Dictionary<long, (OutboxTarget? Target, int? Reported)> _known = [];

    /// <summary>Whether a move from <paramref name="reported"/> to <paramref name="position"/> is worth telling.</summary>
    public static bool ShouldReport(int? reported, int position) =>
        reported is not { } last || (position != last && (position <= ExactUpTo || Math.Abs(position - last) * 5 >= last));

    /// <summary>The waiting cases not known yet, whose targets the caller looks up.</summary>
    public IReadOnlyList<long> Unknown(IEnumerable<QueuedCase> queue) => [.. queue.Select(c => c.CaseId).Where(id => !_known.ContainsKey(id))];

    /// <summary>
    /// The positions to report now, given the whole <paramref name="queue"/>, the targets of the
    /// cases <see cref="Unknown"/> named, and the position each of those was last told (stored before
    /// a restart), if any. Nothing is remembered until <see cref="Reported"/>.
    /// </summary>
    public IReadOnlyList<(OutboxTarget Target, int Position)> Changes(IReadOnlyCollection<QueuedCase> queue, IReadOnlyDictionary<long, OutboxTarget> newTargets,
        IReadOnlyDictionary<long, int>? lastReported = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(newTargets);
        var ordered = queue.OrderByDescending(c => c.Priority).ThenBy(c => c.QueuedAt).ThenBy(c => c.CaseId).ToList();
        var waiting = ordered.Select(c => c.CaseId).ToHashSet();
        foreach (var gone in _known.Keys.Where(id => !waiting.Contains(id)).ToList()) _known.Remove(gone);
        foreach (var id in waiting.Where(id => !_known.ContainsKey(id)))
            _known[id] = (newTargets.GetValueOrDefault(id), lastReported is not null && lastReported.TryGetValue(id, out var told) ? told : null);

        var changes = new List<(OutboxTarget, int)>();
        for (var i = 0; i < ordered.Count && changes.Count < MaxPerMove; i++)
        {
            var (target, reported) = _known[ordered[i].CaseId];
            if (target is not null && ShouldReport(reported, i + 1)) changes.Add((target, i + 1));
        }
        return changes;
    }

    /// <summary>The changes were stored: remember them as reported.</summary>
    public void Reported(IEnumerable<(OutboxTarget Target, int Position)> changes)
    {
        foreach (var (target, position) in changes)
        {
            if (_known.TryGetValue(target.CaseId, out var known)) _known[target.CaseId] = (known.Target, position);
        }
    }

    /// <summary>How many waiting cases are remembered.</summary>
    public int Count => _known.Count;
}
