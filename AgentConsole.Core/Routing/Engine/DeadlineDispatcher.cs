namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// Runs the deadlines that have come due, earliest first, each by the handler of its family:
/// offers that ran out, first replies not sent, graces and holds that ended, waits for an account
/// owner that ended, on-call hand-overs and teams opening or closing. Each handler checks
/// the deadline against the current state, so a stale one does nothing.
/// </summary>
internal sealed class DeadlineDispatcher(OfferLifecycle offers, CaseMoves moves, PresenceTracker presence, OwnerWaits ownerWaits, ScheduleChanges schedules)
{
    public async Task<bool> RunDueAsync(RoutingWork w)
    {
        while (w.State.Due.TryPeek(out var item, out var at) && at <= w.Now)
        {
            w.State.Due.Dequeue();
            switch (item.Kind)
            {
                case DueKind.OfferExpiry: await offers.ExpireAsync(w, item); break;
                case DueKind.FirstReply: await moves.ReclaimAsync(w, item); break;
                case DueKind.PresenceGrace: await presence.GraceOverAsync(w, item); break;
                case DueKind.HoldExpiry: await presence.HoldOverAsync(w, item); break;
                case DueKind.OwnerWait: await ownerWaits.EndAsync(w, item); break;
                case DueKind.ScheduleChange: await schedules.DueAsync(w, item); break;
            }
        }
        return true;
    }
}
