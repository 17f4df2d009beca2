using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

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

/// <summary>
/// Reads outcome samples from the store: a case resolved while assigned, the case event log for
/// when its resolver was given it and whether it ever moved, and its rating.
/// </summary>
internal static class OutcomeSamples
{
    /// <summary>The samples of every resolved case, or of one when <paramref name="caseId"/> is given.</summary>
    public static async Task<List<OutcomeSample>> LoadAsync(AgentConsoleDbContext db, long? caseId, CancellationToken cancellationToken)
    {
        var cases = db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Resolved && c.AssignedAgentId != null && c.ResolvedAt != null);
        if (caseId is { } id) cases = cases.Where(c => c.Id == id);
        var rows = await cases.Select(c => new { c.Id, Agent = c.AssignedAgentId!.Value, c.Category, c.ResolvedCategory, c.AssignedAt, ResolvedAt = c.ResolvedAt!.Value })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0) return [];
        var moves = (await db.CaseEvents.AsNoTracking()
                .Where(e => cases.Any(c => c.Id == e.CaseId) && (e.Type == CaseEventType.Accepted || e.Type == CaseEventType.Reassigned
                    || e.Type == CaseEventType.Transferred || e.Type == CaseEventType.ToEngineering))
                .Select(e => new { e.CaseId, e.Id, e.Type, e.At, e.Detail }).ToListAsync(cancellationToken))
            .ToLookup(e => e.CaseId);
        var ratings = (await db.ChatRatings.AsNoTracking().Where(r => r.CaseId != null && cases.Any(c => c.Id == r.CaseId))
                .Select(r => new { CaseId = r.CaseId!.Value, r.Score }).ToListAsync(cancellationToken))
            .ToLookup(r => r.CaseId);
        return [.. rows.Select(c =>
        {
            var log = moves[c.Id].OrderBy(e => e.Id).ToList();
            var agent = c.Agent.ToString();
            // The resolver's own assignment: the log's last entry that gave them the case.
            var assignedAt = log.LastOrDefault(e => e.Type != CaseEventType.ToEngineering && e.Detail == agent)?.At ?? c.AssignedAt ?? c.ResolvedAt;
            var firstContact = log.Count(e => e.Type == CaseEventType.Accepted) <= 1 && log.All(e => e.Type == CaseEventType.Accepted);
            var seconds = (long)Math.Max(0, (c.ResolvedAt - assignedAt).TotalSeconds);
            return new OutcomeSample(c.Id, c.Agent, c.ResolvedCategory ?? c.Category, seconds, firstContact, ratings[c.Id].Select(r => (int?)r.Score).FirstOrDefault());
        })];
    }
}

/// <summary>
/// Learning from outcomes, in the engine: a resolution or a rating is read back from the store
/// into the <see cref="OutcomeLedger"/>, and the <see cref="OutcomeTerm"/> (when switched on) gets
/// a new table of estimates before anything else is routed.
/// </summary>
internal sealed class OutcomeLearning(OutcomeTerm? term, double priorWeight)
{
    /// <summary>Counts the case's outcome (stored by this command, or earlier) and refreshes the estimates.</summary>
    public async Task<bool> LearnAsync(RoutingWork w, long caseId)
    {
        await w.Db.SaveChangesAsync();
        var changed = false;
        foreach (var sample in await OutcomeSamples.LoadAsync(w.Db, caseId, CancellationToken.None))
        {
            w.Touched = true;
            changed |= w.State.Outcomes.Record(sample);
        }
        if (changed) Refresh(w.State);
        return changed;
    }

    /// <summary>Swaps in estimates built from <paramref name="state"/>'s ledger and its agents' teams.</summary>
    public void Refresh(RoutingState state) => term?.Use(state.Outcomes.Estimates(agent => state.TeamOf(agent), priorWeight));
}
