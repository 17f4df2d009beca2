using System.Diagnostics.CodeAnalysis;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// The agents the routing engine knows, kept two ways.
/// <list type="bullet">
/// <item>By skill, so that a decision can look at every agent who could take the case: those with its
/// skill, plus seniors, engineers and on-call agents, whom the urgent step may use without the skill
/// (<see cref="PoolFor(Skill, out int)"/>, which the explanation replays).</item>
/// <item>The <em>ready</em> agents, Available with a slot free, in buckets by skill, tier and proficiency
/// (0 for a senior or engineer without the skill), each bucket best first: the most spare capacity
/// for its size, then the longest idle (<see cref="ReadyOrder"/>). The same buckets are kept per
/// team. On-call agents with a slot free are listed apart, whatever their presence. A decision
/// (<see cref="RoutingPolicy.Route(CaseToRoute, AgentIndex, DateTime)"/>) walks the buckets of the
/// case's skill best first and stops where no one left can beat the best it has, so its cost
/// depends on how many agents it must pass over, not on how many the desk has.</item>
/// </list>
/// The engine, as the single writer, calls <see cref="Upsert"/> whenever an agent's load,
/// presence, skills, tier, on-call flag or last assignment change: a ready agent moves between
/// sorted buckets in O(skills × log agents). Not thread-safe.
/// </summary>
public sealed class AgentIndex
{
    private static readonly Skill[] Skills = Enum.GetValues<Skill>();
    private static readonly int TierCount = Enum.GetValues<AgentTier>().Max(t => (int)t) + 1;
    private static readonly int BucketCount = (Skills.Max(s => (int)s) + 1) * TierCount * (AgentSkill.MaxProficiency + 1);

    private readonly Dictionary<Guid, Slot> _slots = [];
    private readonly List<Slot>[] _bySkill;
    private readonly List<Slot> _fallback = [];
    private readonly SortedSet<AgentSnapshot>?[] _ready = new SortedSet<AgentSnapshot>?[BucketCount];
    private readonly Dictionary<Guid, SortedSet<AgentSnapshot>?[]> _readyByTeam = [];
    private readonly Dictionary<Guid, AgentSnapshot> _onCallWithRoom = [];
    private int _overTieBreakCapacity;

    /// <summary>An empty index.</summary>
    public AgentIndex()
    {
        _bySkill = new List<Slot>[Skills.Max(s => (int)s) + 1];
        for (var i = 0; i < _bySkill.Length; i++) _bySkill[i] = [];
    }

    /// <summary>An index holding <paramref name="agents"/>.</summary>
    public AgentIndex(IEnumerable<AgentSnapshot> agents) : this()
    {
        ArgumentNullException.ThrowIfNull(agents);
        foreach (var agent in agents) Upsert(agent);
    }

    /// <summary>How many agents the index holds.</summary>
    public int Count => _slots.Count;

    /// <summary>Whether no agent's capacity is over <see cref="AgentScorer.MaxTieBreakCapacity"/> (see <see cref="AgentScorer.Ceiling"/>).</summary>
    internal bool CapacitiesWithinTieBreak => _overTieBreakCapacity == 0;

    /// <summary>Goes up by one with every change, so a decision can tell whether the agents are still as it saw them.</summary>
    public long Version { get; private set; }

    /// <summary>Every agent, in no particular order.</summary>
    public IEnumerable<AgentSnapshot> Agents => _slots.Values.Select(s => s.Agent);

    /// <summary>The agent's current snapshot.</summary>
    public bool TryGet(Guid agentId, [MaybeNullWhen(false)] out AgentSnapshot agent)
    {
        if (_slots.TryGetValue(agentId, out var slot)) { agent = slot.Agent; return true; }
        agent = null;
        return false;
    }

    /// <summary>Adds the agent, or replaces their snapshot.</summary>
    public void Upsert(AgentSnapshot agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        Version++;
        if (_slots.TryGetValue(agent.Id, out var slot))
        {
            var old = slot.Agent;
            slot.Agent = agent;
            Unready(old);
            Ready(agent);
            if (old.Skills == agent.Skills && IsFallback(old) == IsFallback(agent)) return;
            Unlist(slot, old);
            List(slot);
            return;
        }
        slot = new Slot(agent);
        _slots.Add(agent.Id, slot);
        List(slot);
        Ready(agent);
    }

    /// <summary>Removes the agent; false if unknown.</summary>
    public bool Remove(Guid agentId)
    {
        if (!_slots.Remove(agentId, out var slot)) return false;
        Version++;
        Unlist(slot, slot.Agent);
        Unready(slot.Agent);
        return true;
    }

    /// <summary>
    /// The agents who could take a case needing <paramref name="skill"/>, copied so that the
    /// decision keeps them as they are now. The array may be longer than <paramref name="count"/>.
    /// </summary>
    internal AgentSnapshot[] PoolFor(Skill skill, out int count)
    {
        var withSkill = (uint)skill < (uint)_bySkill.Length ? _bySkill[(int)skill] : [];
        var pool = new AgentSnapshot[withSkill.Count + _fallback.Count];
        count = 0;
        foreach (var slot in withSkill) pool[count++] = slot.Agent;
        foreach (var slot in _fallback)
            if (!slot.Agent.Skills.Has(skill)) pool[count++] = slot.Agent;
        return pool;
    }

    /// <summary>
    /// The pool for a case of an owned account: the agents of <see cref="PoolFor(Skill, out int)"/>,
    /// plus the owner and the owning team's agents, who take it whatever its skill. One pass over
    /// every agent; owned accounts are a small share of the cases.
    /// </summary>
    internal AgentSnapshot[] PoolFor(Skill skill, Guid? owner, Guid? ownerTeam, out int count)
    {
        var pool = new AgentSnapshot[_slots.Count];
        count = 0;
        foreach (var slot in _slots.Values)
        {
            var agent = slot.Agent;
            if (agent.Skills.Has(skill) || IsFallback(agent) || agent.Id == owner || agent.TeamId == ownerTeam) pool[count++] = agent;
        }
        return pool;
    }

    /// <summary>
    /// The ready agents of <paramref name="tier"/> with <paramref name="proficiency"/> in <paramref name="skill"/>,
    /// best first (<see cref="ReadyOrder"/>); of <paramref name="team"/> alone when one is given. Null when there are none.
    /// </summary>
    internal SortedSet<AgentSnapshot>? Ready(Skill skill, AgentTier tier, int proficiency, Guid? team)
    {
        var buckets = team is { } id ? _readyByTeam.GetValueOrDefault(id) : _ready;
        return buckets?[Bucket(skill, tier, proficiency)] is { Count: > 0 } bucket ? bucket : null;
    }

    /// <summary>The on-call agents with a slot free, whatever their presence: the urgent step may reach them.</summary>
    internal Dictionary<Guid, AgentSnapshot>.ValueCollection OnCallWithRoom => _onCallWithRoom.Values;

    /// <summary>
    /// Whether <paramref name="agent"/> is in the ready buckets: Available with a slot free. Every
    /// agent a decision may offer a case to is ready, or on call with a slot free.
    /// </summary>
    internal static bool IsReady(AgentSnapshot agent) => agent.Presence == Presence.Available && agent.HasSpareCapacity;

    private static int Bucket(Skill skill, AgentTier tier, int proficiency) => (((int)skill * TierCount) + (int)tier) * (AgentSkill.MaxProficiency + 1) + proficiency;

    // A senior or an engineer without the skill may still take an urgent case (bucket 0); nobody else can.
    private static bool ListedWithout(AgentTier tier) => tier is AgentTier.Senior or AgentTier.Engineering;

    private void Ready(AgentSnapshot agent)
    {
        if (agent.Capacity > AgentScorer.MaxTieBreakCapacity) _overTieBreakCapacity++;
        if (agent.OnCall && agent.HasSpareCapacity) _onCallWithRoom[agent.Id] = agent;
        if (!IsReady(agent)) return;
        if (!_readyByTeam.TryGetValue(agent.TeamId, out var team)) _readyByTeam[agent.TeamId] = team = new SortedSet<AgentSnapshot>?[BucketCount];
        foreach (var skill in Skills)
        {
            var proficiency = agent.Skills[skill];
            if (proficiency == 0 && !ListedWithout(agent.Tier)) continue;
            var bucket = Bucket(skill, agent.Tier, proficiency);
            (_ready[bucket] ??= new SortedSet<AgentSnapshot>(ReadyOrder.Instance)).Add(agent);
            (team[bucket] ??= new SortedSet<AgentSnapshot>(ReadyOrder.Instance)).Add(agent);
        }
    }

    private void Unready(AgentSnapshot agent)
    {
        if (agent.Capacity > AgentScorer.MaxTieBreakCapacity) _overTieBreakCapacity--;
        if (agent.OnCall && agent.HasSpareCapacity) _onCallWithRoom.Remove(agent.Id);
        if (!IsReady(agent)) return;
        var team = _readyByTeam[agent.TeamId];
        foreach (var skill in Skills)
        {
            var proficiency = agent.Skills[skill];
            if (proficiency == 0 && !ListedWithout(agent.Tier)) continue;
            var bucket = Bucket(skill, agent.Tier, proficiency);
            _ready[bucket]!.Remove(agent);
            team[bucket]!.Remove(agent);
        }
    }

    // Seniors and on-call agents may take urgent cases without the skill; engineers may take
    // urgent engineering cases without it.
    private static bool IsFallback(AgentSnapshot agent) => agent.OnCall || agent.Tier is AgentTier.Senior or AgentTier.Engineering;

    private void List(Slot slot)
    {
        foreach (var skill in Skills)
            if (slot.Agent.Skills.Has(skill)) _bySkill[(int)skill].Add(slot);
        if (IsFallback(slot.Agent)) _fallback.Add(slot);
    }

    private void Unlist(Slot slot, AgentSnapshot listedAs)
    {
        foreach (var skill in Skills)
            if (listedAs.Skills.Has(skill)) _bySkill[(int)skill].Remove(slot);
        if (IsFallback(listedAs)) _fallback.Remove(slot);
    }

    private sealed class Slot(AgentSnapshot agent)
    {
        public AgentSnapshot Agent { get; set; } = agent;
    }

    /// <summary>
    /// The order of a ready bucket: <see cref="AgentSelector.CompareByLoadIdleAndId"/>, the selector's own
    /// order below score and proficiency. Along it the score's built-in terms never grow: an agent's
    /// spare-capacity term is at most the one before's, and the idle term (under 0.001) only orders
    /// agents with the same free share.
    /// </summary>
    internal sealed class ReadyOrder : IComparer<AgentSnapshot>
    {
        public static readonly ReadyOrder Instance = new();

        public int Compare(AgentSnapshot? x, AgentSnapshot? y) =>
            ReferenceEquals(x, y) ? 0 : x is null ? -1 : y is null ? 1 : AgentSelector.CompareByLoadIdleAndId(x, y);
    }
}
