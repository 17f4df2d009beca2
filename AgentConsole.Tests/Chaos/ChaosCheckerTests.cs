extern alias benchmarks;
using AgentConsole.Core.Cases;
using benchmarks::AgentConsole.Benchmarks;

namespace AgentConsole.Tests.Chaos;

/// <summary>
/// The crash harness's checker on a fabricated log and store: a clean run passes, and each kind of
/// damage (a duplicate, a lost event, a missing or second case, a late or missed deadline, a missing
/// or unstable delivery, a log that replays to another state, an agent over capacity) is reported.
/// </summary>
public sealed class ChaosCheckerTests
{
    private static readonly TimeSpan OfferTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstReply = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);
    private static readonly DateTime T0 = new(2026, 12, 6, 1, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Ann = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Bob = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private const string Conversation1 = "11111111-1111-1111-1111-111111111111";
    private const string Conversation2 = "22222222-2222-2222-2222-222222222222";

    [Fact]
    public void FindsNothingInACleanRun()
    {
        var (log, store) = CleanRun();

        var found = Check(log, store);

        Assert.Equal(0, found.Count);
    }

    [Fact]
    public void ReportsAnEventStoredTwiceAndAnAcknowledgedEventNotStored()
    {
        var (log, store) = CleanRun();
        log.Sent(new SentEvent("bot-1", "e9", Acknowledged: true));
        store = store with { Messages = [.. store.Messages, new StoredMessage(Conversation1, "bot-1", "e0")] };

        var found = Check(log, store);

        Assert.Equal(1, found.CountOf(ChaosViolations.EventDuplicated));
        Assert.Equal(1, found.CountOf(ChaosViolations.EventLost));
    }

    [Fact]
    public void ReportsAnEscalationWithoutItsCaseAndAConversationWithTwo()
    {
        var (log, store) = CleanRun();
        log.Reported(new ReportedCase("bot-2", 7));
        store = store with { Cases = [.. store.Cases, Case(2, CaseStatus.Queued, conversation: Conversation1)], CaseEvents = [.. store.CaseEvents, Event(90, 2, CaseEventType.Escalated, 0), Event(91, 2, CaseEventType.Queued, 0)] };

        var found = Check(log, store);

        Assert.Equal(1, found.CountOf(ChaosViolations.CaseMissing));
        Assert.Equal(1, found.CountOf(ChaosViolations.CaseDuplicated));
    }

    [Fact]
    public void ReportsAnOfferThatTimedOutLateAndAFirstReplyNeverReclaimed()
    {
        var (log, store) = CleanRun();
        store = store with
        {
            Cases = [.. store.Cases, Case(3, CaseStatus.Queued, conversation: Conversation2), Case(4, CaseStatus.Assigned, assigned: Bob, conversation: "33333333-3333-3333-3333-333333333333")],
            CaseEvents =
            [
                .. store.CaseEvents,
                Event(100, 3, CaseEventType.Escalated, 10), Event(101, 3, CaseEventType.Offered, 10, Bob),
                // Due at 15 s, fired at 17.5 s, with the app up all along.
                Event(102, 3, CaseEventType.TimedOut, 17.5, Bob), Event(103, 3, CaseEventType.Queued, 17.5),
                Event(110, 4, CaseEventType.Escalated, 20), Event(111, 4, CaseEventType.Offered, 20, Bob), Event(112, 4, CaseEventType.Accepted, 21, Bob),
            ],
        };

        var found = Check(log, store, stoppedAfterSeconds: 120);

        Assert.Equal(1, found.CountOf(ChaosViolations.OfferDeadline));
        Assert.Equal(1, found.CountOf(ChaosViolations.FirstReplyDeadline));
    }

    [Fact]
    public void AllowsADeadlineThatCameDueWhileTheAppWasDownToFireAsItCameBack()
    {
        var (log, store) = CleanRun();
        log.Killed(new Outage(T0.AddSeconds(14), T0.AddSeconds(19)));
        store = store with
        {
            Cases = [.. store.Cases, Case(3, CaseStatus.Queued, conversation: Conversation2)],
            CaseEvents = [.. store.CaseEvents, Event(100, 3, CaseEventType.Escalated, 10), Event(101, 3, CaseEventType.Offered, 10, Bob),
                Event(102, 3, CaseEventType.TimedOut, 19.6, Bob), Event(103, 3, CaseEventType.Queued, 19.6)],
        };

        var found = Check(log, store);

        Assert.Equal(0, found.CountOf(ChaosViolations.OfferDeadline));
    }

    [Fact]
    public void ReportsADeliveryNeverReceivedAndOneReceivedUnderAnotherSequence()
    {
        var (log, store) = CleanRun();
        log.Webhook(new WebhookRequest("d-1", 99, "agent.message", "bot-1"));
        store = store with { Deliveries = [.. store.Deliveries, new StoredDelivery(3, "d-3", "bot-1", "case.resolved", Delivered: true)] };

        var found = Check(log, store);

        Assert.Equal(1, found.CountOf(ChaosViolations.DeliveryMissing));
        Assert.Equal(1, found.CountOf(ChaosViolations.DeliveryUnstable));
    }

    [Fact]
    public void ReportsDeliveriesOutOfOrderInAConversation()
    {
        var log = new ChaosLog();
        log.Webhook(new WebhookRequest("d-2", 2, "agent.message", "bot-1"));
        log.Webhook(new WebhookRequest("d-1", 1, "agent.message", "bot-1"));
        var store = new ChaosStore([], [], [], [], [new StoredDelivery(1, "d-1", "bot-1", "agent.message", true), new StoredDelivery(2, "d-2", "bot-1", "agent.message", true)]);

        var found = Check(log, store);

        Assert.Equal(1, found.CountOf(ChaosViolations.DeliveryOutOfOrder));
    }

    [Fact]
    public void ReportsALogThatReplaysToAnotherStateAnUnplacedCaseAndAnAgentOverCapacity()
    {
        var (log, store) = CleanRun();
        store = store with
        {
            // Case 1's log ends offered to Ann; its row says assigned to Bob, over Bob's capacity of one with case 5.
            Cases = [Case(1, CaseStatus.Assigned, assigned: Bob), Case(5, CaseStatus.Assigned, assigned: Bob, conversation: Conversation2),
                Case(6, CaseStatus.Escalated, conversation: "66666666-6666-6666-6666-666666666666")],
            CaseEvents = [.. store.CaseEvents.Where(e => e.Type != CaseEventType.Resolved && e.Type != CaseEventType.Accepted),
                Event(120, 5, CaseEventType.Escalated, 30), Event(121, 5, CaseEventType.Offered, 30, Bob), Event(122, 5, CaseEventType.Accepted, 31, Bob),
                Event(123, 5, CaseEventType.Replied, 32), Event(130, 6, CaseEventType.Escalated, 40)],
        };

        var found = Check(log, store);

        Assert.Equal(1, found.CountOf(ChaosViolations.ReplayDiffers));
        Assert.Equal(1, found.CountOf(ChaosViolations.CaseUnplaced));
        Assert.Equal(1, found.CountOf(ChaosViolations.OverCapacity));
    }

    [Fact]
    public void ReportsTheEnginesOwnDriftReports()
    {
        var (log, store) = CleanRun();
        log.ServerLine("      AgentConsole.Core.Routing.Engine.RoutingStateDriftException: Routing state drifted after AcceptOffer: case 1 Status: memory Offered, store Assigned");

        var found = Check(log, store);

        Assert.Equal(1, found.CountOf(ChaosViolations.StateDrift));
    }

    /// <summary>One bot conversation whose two events were stored once, which escalated, was offered to Ann, accepted, replied to and resolved, with its one webhook received.</summary>
    private static (ChaosLog Log, ChaosStore Store) CleanRun()
    {
        var log = new ChaosLog();
        log.Sent(new SentEvent("bot-1", "e0", Acknowledged: true));
        log.Sent(new SentEvent("bot-1", "e1", Acknowledged: true));
        log.Sent(new SentEvent("bot-1", "e2", Acknowledged: false));
        log.Reported(new ReportedCase("bot-1", 1));
        log.Webhook(new WebhookRequest("d-1", 1, "agent.message", "bot-1"));
        log.Webhook(new WebhookRequest("d-1", 1, "agent.message", "bot-1"));
        log.Webhook(new WebhookRequest("d-2", 2, "case.resolved", "bot-1"));
        var store = new ChaosStore(
            [new StoredMessage(Conversation1, "bot-1", "e0"), new StoredMessage(Conversation1, "bot-1", "e1")],
            [Case(1, CaseStatus.Resolved)],
            [Event(1, 1, CaseEventType.Escalated, 0), Event(2, 1, CaseEventType.Queued, 0), Event(3, 1, CaseEventType.Offered, 1, Ann),
                Event(4, 1, CaseEventType.Accepted, 3, Ann), Event(5, 1, CaseEventType.Replied, 5), Event(6, 1, CaseEventType.Resolved, 8)],
            [new StoredAgent(Ann, 3), new StoredAgent(Bob, 1)],
            [new StoredDelivery(1, "d-1", "bot-1", "agent.message", Delivered: true), new StoredDelivery(2, "d-2", "bot-1", "case.resolved", Delivered: true)]);
        return (log, store);
    }

    private static ChaosViolations Check(ChaosLog log, ChaosStore store, double stoppedAfterSeconds = 60) =>
        ChaosChecker.Check(log, store, OfferTimeout, FirstReply, Tolerance, T0.AddSeconds(stoppedAfterSeconds));

    private static StoredCase Case(long id, CaseStatus status, Guid? assigned = null, string conversation = Conversation1) =>
        new(id, conversation, conversation == Conversation1 ? "bot-1" : conversation, status, null, assigned, null, null, CapacityOverride: false);

    private static StoredCaseEvent Event(long id, long caseId, CaseEventType type, double seconds, Guid? agent = null) =>
        new(id, caseId, type, T0.AddSeconds(seconds), agent?.ToString());
}
