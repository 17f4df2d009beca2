namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// Policy step: picks the better of two eligible agents. The higher score wins. On an exact
/// tie the built-in order is applied exactly (proficiency, then load relative to capacity by
/// cross-multiplication, then never assigned or earliest last assignment), and finally the agent
/// id, so the choice never depends on the order agents are listed in.
/// </summary>
public static class AgentSelector
{
    /// <summary>Whether candidate <paramref name="a"/> beats the current best <paramref name="b"/>.</summary>
    public static bool Prefers(AgentSnapshot a, double aScore, int aProficiency, AgentSnapshot b, double bScore, int bProficiency)
    {
        if (aScore != bScore) return aScore > bScore;
        if (aProficiency != bProficiency) return aProficiency > bProficiency;
        return CompareByLoadIdleAndId(a, b) < 0;
    }

    /// <summary>
    /// The order below score and proficiency, negative when <paramref name="a"/> comes first: the lower
    /// load relative to capacity (exactly, by cross-multiplication), then never assigned or the earliest
    /// last assignment, then the id. The index's ready buckets are kept in this order too
    /// (<see cref="AgentIndex.ReadyOrder"/>). A strict order: 0 only for the same agent.
    /// </summary>
    public static int CompareByLoadIdleAndId(AgentSnapshot a, AgentSnapshot b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        long aLoad = (long)a.Load * b.Capacity, bLoad = (long)b.Load * a.Capacity;
        if (aLoad != bLoad) return aLoad < bLoad ? -1 : 1;
        if (a.LastAssignedAt != b.LastAssignedAt)
        {
            if (a.LastAssignedAt is null) return -1;
            if (b.LastAssignedAt is null) return 1;
            return a.LastAssignedAt.Value.CompareTo(b.LastAssignedAt.Value);
        }
        return a.Id.CompareTo(b.Id);
    }
}
