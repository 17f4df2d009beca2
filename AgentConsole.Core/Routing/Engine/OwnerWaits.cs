using AgentConsole.Core.Cases;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// The end of an owned case's wait for its busy owner (<see cref="Policy.OwnerSteps.WaitEnds"/>):
/// a case still waiting is routed again, and now falls through to the owner's team and the tree.
/// The instant follows from when the case opened, so a restart schedules it again as it was.
/// </summary>
internal sealed class OwnerWaits(Placement placement)
{
    public async Task EndAsync(RoutingWork w, DueItem item)
    {
        if (!w.State.Cases.TryGetValue(item.CaseId, out var open) || open.Status != CaseStatus.Queued) return;
        await placement.RouteAsync(w, await w.CaseAsync(open.Id));
    }
}
