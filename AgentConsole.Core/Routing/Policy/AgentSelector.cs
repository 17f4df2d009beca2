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
        long aLoad = (long)a.Load * b.Capacity, bLoad = (long)b.Load * a.Capacity;
        if (aLoad != bLoad) return aLoad < bLoad;
        if (a.LastAssignedAt != b.LastAssignedAt)
        {
            if (a.LastAssignedAt is null) return true;
            if (b.LastAssignedAt is null) return false;
            return a.LastAssignedAt < b.LastAssignedAt;
        }
        return a.Id.CompareTo(b.Id) < 0;
    }
}
