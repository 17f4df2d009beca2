using AgentConsole.Core.Routing.Policy;

namespace AgentConsole.Core.Routing.Engine;

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
