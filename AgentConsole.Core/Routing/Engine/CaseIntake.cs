using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing.Policy;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// Cases coming into routing: one just opened by an escalation, and, at start-up, whatever waits
/// in the queue that the tree can now place (or that was stored without a decision yet).
/// </summary>
internal sealed class CaseIntake(Placement placement, RoutingPolicy policy)
{
    /// <summary>Routes a case that was just opened; a case already known, or already placed, is left alone.</summary>
    public async Task<bool> OpenedAsync(RoutingWork w, long caseId)
    {
        if (w.State.Cases.ContainsKey(caseId)) return false;
        var entity = await w.FindCaseAsync(caseId);
        if (entity is null || !entity.IsOpen || entity.Status is CaseStatus.Offered or CaseStatus.Assigned) return false;
        placement.Track(w, entity);
        await placement.RouteAsync(w, entity);
        return true;
    }

    /// <summary>Places every waiting case the tree can place now, in queue order.</summary>
    public async Task<bool> DrainAsync(RoutingWork w)
    {
        foreach (var waiting in w.State.Queue.Ordered(w.Now))
        {
            var decision = policy.Route(waiting, w.State.Index, w.Now);
            // A case stored while the engine was stopped has no decision yet: record why it waits.
            var unexplained = w.State.OpenCaseOf(waiting.CaseId).Card.RoutingSummary is null;
            if (decision.Outcome == RoutingOutcome.Queue && !unexplained) continue;
            await placement.ApplyAsync(w, await w.CaseAsync(waiting.CaseId), decision, recordQueue: unexplained);
        }
        return true;
    }
}
