using System.Diagnostics.CodeAnalysis;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// The queue of cases waiting for an agent, in <see cref="QueueOrdering"/> order (effective
/// priority, then waiting time), built so that neither adding a case nor finding the next case
/// for an agent who becomes free re-sorts it.
/// <para>
/// Cases are kept in sub-queues by required skill, lane (the path the case takes through the
/// tree), base priority and, for cases transferred to a team, that team. Each sub-queue is
/// sorted by waiting time, and because aging only raises a case as it waits, its head is also
/// its first case in queue order at any instant. So the queue's head, or the next case for an
/// agent, is found by comparing sub-queue heads with aging applied at <c>now</c>: at most
/// skills × lanes × 4 heads, whatever the queue's length. Each sub-queue keeps its head at hand
/// (updated as cases come and go), so reading one costs no walk down its tree, and an agent's
/// team's sub-queues are found with one look-up.
/// </para>
/// <para>
/// Cases of owned accounts (<see cref="OwnerSteps"/>) are also kept by owner, so that an owner who
/// becomes free takes their own accounts' cases first, whatever their skill; while a case waits for
/// its owner, other agents pass it by.
/// </para>
/// The engine, as the single writer, owns it; not thread-safe.
/// </summary>
public sealed class CaseQueue
{
    private static readonly IComparer<CaseToRoute> ByWaiting = Comparer<CaseToRoute>.Create(QueueOrdering.CompareWaiting);
    private const int Lanes = (int)CaseLane.Engineering + 1;
    private const int Priorities = (int)CasePriority.Urgent + 1;

    private static readonly int KeyCount = (Enum.GetValues<Skill>().Max(s => (int)s) + 1) * Lanes * Priorities;

    private readonly RoutingPolicy _policy;
    private readonly SubQueue?[] _shared = new SubQueue?[KeyCount];
    private readonly Dictionary<Guid, SubQueue?[]> _byTeam = [];
    private readonly Dictionary<Guid, SubQueue> _byOwner = [];
    private readonly Dictionary<long, Entry> _entries = [];
    private int _teamCases;

    /// <summary>An empty queue that follows <paramref name="policy"/>'s tree and ordering.</summary>
    public CaseQueue(RoutingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
    }

    /// <summary>How many cases wait.</summary>
    public int Count => _entries.Count;

    /// <summary>Every waiting case, in no particular order.</summary>
    public IEnumerable<CaseToRoute> Cases => _entries.Values.Select(e => e.Case);

    /// <summary>Whether the case waits in the queue.</summary>
    public bool Contains(long caseId) => _entries.ContainsKey(caseId);

    /// <summary>The waiting case with this id.</summary>
    public bool TryGet(long caseId, [MaybeNullWhen(false)] out CaseToRoute @case)
    {
        if (_entries.TryGetValue(caseId, out var entry)) { @case = entry.Case; return true; }
        @case = null;
        return false;
    }

    /// <summary>Adds a case. A case waits once: to change a waiting case, remove it and add the new version.</summary>
    /// <exception cref="InvalidOperationException">The case is already queued.</exception>
    public void Enqueue(CaseToRoute @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (_entries.ContainsKey(@case.CaseId)) throw new InvalidOperationException($"Case {@case.CaseId} is already queued.");
        var key = Key(@case.RequiredSkill, _policy.LaneOf(@case), @case.Priority);
        SubQueue sub;
        if (@case.TeamId is { } team)
        {
            if (!_byTeam.TryGetValue(team, out var teamQueues)) _byTeam.Add(team, teamQueues = new SubQueue?[KeyCount]);
            sub = teamQueues[key] ??= new SubQueue();
            _teamCases++;
        }
        else sub = _shared[key] ??= new SubQueue();
        sub.Add(@case);
        var owner = _policy.Owners.OwnerOf(@case);
        if (owner is { } ownerId)
        {
            if (!_byOwner.TryGetValue(ownerId, out var owned)) _byOwner.Add(ownerId, owned = new SubQueue());
            owned.Add(@case);
        }
        _entries.Add(@case.CaseId, new Entry(@case, sub, owner));
    }

    /// <summary>Removes a case (offered, assigned, resolved or withdrawn); false if it was not queued.</summary>
    public bool Remove(long caseId)
    {
        if (!_entries.Remove(caseId, out var entry)) return false;
        entry.Queue.Remove(entry.Case);
        if (entry.Case.TeamId is { } team)
        {
            _teamCases--;
            if (_byTeam[team].All(q => q is not { Count: > 0 })) _byTeam.Remove(team);
        }
        if (entry.Owner is { } owner && _byOwner.TryGetValue(owner, out var owned) && owned.Remove(entry.Case) && owned.Count == 0) _byOwner.Remove(owner);
        return true;
    }

    /// <summary>The first case in queue order at <paramref name="now"/>, or null when empty.</summary>
    public CaseToRoute? Peek(DateTime now)
    {
        CaseToRoute? best = null;
        foreach (var sub in _shared)
            if (sub is { Count: > 0 }) best = Better(sub.Head!, best, now);
        foreach (var teamQueues in _byTeam.Values)
            foreach (var sub in teamQueues)
                if (sub is { Count: > 0 }) best = Better(sub.Head!, best, now);
        return best;
    }

    /// <summary>
    /// The first case in queue order at <paramref name="now"/> that the tree would give
    /// <paramref name="agent"/> (see <see cref="RoutingPolicy.CanTake"/>), or null. For an agent
    /// who just became free; hand the case over with <see cref="RoutingPolicy.RouteTo"/>.
    /// </summary>
    public CaseToRoute? NextFor(AgentSnapshot agent, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (!CapacityLimiter.Admits(agent) || _entries.Count == 0) return null;
        // An owner takes their own accounts' cases first, when the owner step would give them one.
        if (agent.Presence == Presence.Available && _byOwner.TryGetValue(agent.Id, out var owned) && FirstFor(owned, agent, now) is { } own) return own;
        CaseToRoute? best = null;
        var teamQueues = _teamCases != 0 ? _byTeam.GetValueOrDefault(agent.TeamId) : null;
        for (var key = 0; key < _shared.Length; key++)
        {
            var shared = _shared[key];
            var team = teamQueues?[key];
            var fromShared = shared is { Count: > 0 };
            var fromTeam = team is { Count: > 0 };
            if (!fromShared && !fromTeam) continue;
            var (skill, lane, priority) = Decode(key);
            if (!_policy.MayServe(agent, skill, lane, priority)) continue;
            if (fromShared && FirstFor(shared!, agent, now) is { } first) best = Better(first, best, now);
            if (fromTeam && FirstFor(team!, agent, now) is { } firstOfTeam) best = Better(firstOfTeam, best, now);
        }
        return best;
    }

    /// <summary>Every waiting case in queue order at <paramref name="now"/>, for the queue views. O(n log n).</summary>
    public IReadOnlyList<CaseToRoute> Ordered(DateTime now)
    {
        var all = new List<CaseToRoute>(_entries.Count);
        foreach (var entry in _entries.Values) all.Add(entry.Case);
        all.Sort(_policy.Ordering.At(now));
        return all;
    }

    // The first case in a sub-queue that the agent has not declined and that does not wait for
    // another agent, its owner. Team and skill are the sub-queue's own, so only those are left to
    // check; scanning past the head is rare.
    private CaseToRoute? FirstFor(SubQueue queue, AgentSnapshot agent, DateTime now)
    {
        var head = queue.Head!;
        if (!Excludes(head, agent, now)) return head;
        foreach (var @case in queue.Cases)
            if (!Excludes(@case, agent, now)) return @case;
        return null;
    }

    private bool Excludes(CaseToRoute @case, AgentSnapshot agent, DateTime now) =>
        (@case.ExcludedAgents.Count != 0 && @case.ExcludedAgents.Contains(agent.Id))
        || (@case.Account is { IsOwned: true } && _policy.Owners.HoldsFrom(@case, agent.Id, now));

    private CaseToRoute Better(CaseToRoute candidate, CaseToRoute? best, DateTime now) =>
        best is null || _policy.Ordering.Compare(candidate, best, now) < 0 ? candidate : best;

    private static int Key(Skill skill, CaseLane lane, CasePriority priority) => ((int)skill * Lanes + (int)lane) * Priorities + (int)priority;

    private static (Skill Skill, CaseLane Lane, CasePriority Priority) Decode(int key) =>
        ((Skill)(key / (Lanes * Priorities)), (CaseLane)(key / Priorities % Lanes), (CasePriority)(key % Priorities));

    private readonly record struct Entry(CaseToRoute Case, SubQueue Queue, Guid? Owner);

    /// <summary>One sub-queue, sorted by waiting time, with its head kept at hand.</summary>
    private sealed class SubQueue
    {
        public SortedSet<CaseToRoute> Cases { get; } = new(ByWaiting);

        /// <summary>The first case by waiting time; null when empty.</summary>
        public CaseToRoute? Head { get; private set; }

        public int Count => Cases.Count;

        public void Add(CaseToRoute @case)
        {
            Cases.Add(@case);
            if (Head is null || ByWaiting.Compare(@case, Head) < 0) Head = @case;
        }

        public bool Remove(CaseToRoute @case)
        {
            if (!Cases.Remove(@case)) return false;
            if (ReferenceEquals(@case, Head) || ByWaiting.Compare(@case, Head!) == 0) Head = Cases.Count == 0 ? null : Cases.Min;
            return true;
        }
    }
}
