using System.Diagnostics.CodeAnalysis;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// The agents the routing engine knows, kept by skill so that a routing decision looks only at
/// the agents who could take the case: those with its skill, plus seniors, engineers and on-call
/// agents, whom the urgent step may use without the skill. The engine, as the single writer,
/// calls <see cref="Upsert"/> whenever an agent's load, presence, skills, tier or on-call flag
/// change: a change of load or presence is O(1); a change of skills, tier or on-call flag moves
/// the agent between lists. Not thread-safe.
/// </summary>
public sealed class AgentIndex
{
    private readonly Dictionary<Guid, Slot> _slots = [];
    private readonly List<Slot>[] _bySkill;
    private readonly List<Slot> _fallback = [];
    private readonly Skill[] _skills = Enum.GetValues<Skill>();

    /// <summary>An empty index.</summary>
    public AgentIndex()
    {
        _bySkill = new List<Slot>[_skills.Max(s => (int)s) + 1];
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
        if (_slots.TryGetValue(agent.Id, out var slot))
        {
            var old = slot.Agent;
            slot.Agent = agent;
            if (old.Skills == agent.Skills && IsFallback(old) == IsFallback(agent)) return;
            Unlist(slot, old);
            List(slot);
            return;
        }
        slot = new Slot(agent);
        _slots.Add(agent.Id, slot);
        List(slot);
    }

    /// <summary>Removes the agent; false if unknown.</summary>
    public bool Remove(Guid agentId)
    {
        if (!_slots.Remove(agentId, out var slot)) return false;
        Unlist(slot, slot.Agent);
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

    // Seniors and on-call agents may take urgent cases without the skill; engineers may take
    // urgent engineering cases without it.
    private static bool IsFallback(AgentSnapshot agent) => agent.OnCall || agent.Tier is AgentTier.Senior or AgentTier.Engineering;

    private void List(Slot slot)
    {
        foreach (var skill in _skills)
            if (slot.Agent.Skills.Has(skill)) _bySkill[(int)skill].Add(slot);
        if (IsFallback(slot.Agent)) _fallback.Add(slot);
    }

    private void Unlist(Slot slot, AgentSnapshot listedAs)
    {
        foreach (var skill in _skills)
            if (listedAs.Skills.Has(skill)) _bySkill[(int)skill].Remove(slot);
        if (IsFallback(listedAs)) _fallback.Remove(slot);
    }

    private sealed class Slot(AgentSnapshot agent)
    {
        public AgentSnapshot Agent { get; set; } = agent;
    }
}
