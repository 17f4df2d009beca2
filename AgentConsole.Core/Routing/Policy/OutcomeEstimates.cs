using System.Collections.Frozen;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// The learned estimates per agent and category, immutable: the engine builds a new table when
/// an outcome arrives and swaps it into the <see cref="OutcomeTerm"/>.
/// </summary>
public sealed class OutcomeEstimates
{
    private readonly FrozenDictionary<(Guid Agent, IssueCategory Category), OutcomeEstimate> _estimates;
    private readonly FrozenDictionary<IssueCategory, double> _best;

    private OutcomeEstimates(FrozenDictionary<(Guid, IssueCategory), OutcomeEstimate> estimates)
    {
        _estimates = estimates;
        _best = estimates.GroupBy(e => e.Key.Item2).ToFrozenDictionary(g => g.Key, g => g.Max(e => e.Value.Score));
    }

    /// <summary>No outcomes yet: every agent is at the team's level.</summary>
    public static OutcomeEstimates Empty { get; } = new(FrozenDictionary<(Guid, IssueCategory), OutcomeEstimate>.Empty);

    /// <summary>How many (agent, category) estimates there are.</summary>
    public int Count => _estimates.Count;

    /// <summary>The estimate for an agent in a category, or null when they have no resolved case in it.</summary>
    public OutcomeEstimate? For(Guid agentId, IssueCategory category) => _estimates.GetValueOrDefault((agentId, category));

    /// <summary>The highest score of any agent in <paramref name="category"/>; 0 when nobody has a case in it (an agent without one scores 0).</summary>
    public double BestScore(IssueCategory category) => Math.Max(0, _best.GetValueOrDefault(category));

    /// <summary>
    /// Estimates every agent's records against their team's in the same category: a team's record
    /// pools its agents' records.
    /// </summary>
    public static OutcomeEstimates Build(IEnumerable<(Guid AgentId, Guid TeamId, IssueCategory Category, OutcomeRecord Record)> records, double priorWeight)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.Where(r => r.Record.Cases > 0).ToList();
        if (list.Count == 0) return Empty;
        var teams = new Dictionary<(Guid, IssueCategory), OutcomeRecord>();
        foreach (var (_, team, category, record) in list)
            teams[(team, category)] = teams.GetValueOrDefault((team, category)).Plus(record);
        return new OutcomeEstimates(list.ToFrozenDictionary(r => (r.AgentId, r.Category),
            r => OutcomeEstimate.Of(r.Record, teams[(r.TeamId, r.Category)], priorWeight)));
    }
}
