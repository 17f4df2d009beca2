using AgentConsole.Core.Routing;

namespace AgentConsole.Core.Data.Seeding.History;

/// <summary>
/// When each generated agent holds cases (offered or assigned), so a generated history never has an
/// agent above capacity: a hold is granted only if every instant of it stays within the agent's
/// capacity, given the holds granted before.
/// </summary>
internal sealed class AgentSlots
{
    // Holds end within a day of their start (resolution times are capped), so older ones are dropped.
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(1);
    private readonly Dictionary<Guid, List<(DateTime From, DateTime To)>> _holds = [];

    /// <summary>Whether <paramref name="agent"/> can hold one more case from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public bool IsFree(Agent agent, DateTime from, DateTime to)
    {
        if (!_holds.TryGetValue(agent.Id, out var holds)) return true;
        holds.RemoveAll(h => h.To < from - Horizon);
        // The most holds overlapping at once within [from, to): counted at each overlapping hold's start and at from.
        var overlapping = holds.Where(h => h.From < to && h.To > from).ToList();
        if (overlapping.Count < agent.Capacity) return true;
        var points = overlapping.Select(h => h.From < from ? from : h.From).Append(from);
        return points.All(p => overlapping.Count(h => h.From <= p && h.To > p) < agent.Capacity);
    }

    /// <summary>Records that <paramref name="agent"/> holds a case from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void Hold(Agent agent, DateTime from, DateTime to)
    {
        if (!_holds.TryGetValue(agent.Id, out var holds)) _holds[agent.Id] = holds = [];
        holds.Add((from, to));
    }
}
