using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// The outcome records per agent and category, in memory with the rest of the routing state:
/// built from every resolved case at start-up and added to as cases resolve and ratings arrive.
/// Recording is idempotent per case (a case counts once, its rating once), so a repeated notice
/// cannot count twice.
/// </summary>
internal sealed class OutcomeLedger
{
    private readonly Dictionary<(Guid Agent, IssueCategory Category), OutcomeRecord> _records = [];
    // Each counted case, and whether its rating is counted.
    private readonly Dictionary<long, bool> _counted = [];

    public IReadOnlyDictionary<(Guid Agent, IssueCategory Category), OutcomeRecord> Records => _records;

    /// <summary>Counts a resolved case, or the rating of a case already counted; false when it changes nothing.</summary>
    public bool Record(OutcomeSample sample)
    {
        var key = (sample.AgentId, sample.Category);
        if (!_counted.TryGetValue(sample.CaseId, out var rated))
        {
            _records[key] = _records.GetValueOrDefault(key).Add(sample);
            _counted[sample.CaseId] = sample.Csat is not null;
            return true;
        }
        if (rated || sample.Csat is not { } csat) return false;
        _records[key] = _records.GetValueOrDefault(key).AddRating(csat);
        _counted[sample.CaseId] = true;
        return true;
    }

    /// <summary>The estimates of every known agent against their current team, with the prior weighing <paramref name="priorWeight"/> cases.</summary>
    public OutcomeEstimates Estimates(Func<Guid, Guid?> teamOf, double priorWeight) =>
        OutcomeEstimates.Build(_records.Select(r => (r.Key.Agent, Team: teamOf(r.Key.Agent), r.Key.Category, r.Value))
            .Where(r => r.Team is not null).Select(r => (r.Agent, r.Team!.Value, r.Category, r.Value)), priorWeight);
}
