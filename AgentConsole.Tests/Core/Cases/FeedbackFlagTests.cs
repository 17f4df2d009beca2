using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Cases;

public sealed class FeedbackFlagTests
{
    [Fact]
    public async Task TheStoreRefusesASecondFlagOfTheSameKindByTheSameActor()
    {
        // Arrange: a case Ana flagged as misrouted.
        await using var h = await EngineHarness.CreateAsync();
        var caseId = await h.OpenCaseAsync(route: false);
        await FlagAsync(h, caseId, CaseFlag.Misrouted, "ana");

        // Act: the same flag by the same actor, past any check in the engine.
        var again = await Record.ExceptionAsync(() => FlagAsync(h, caseId, CaseFlag.Misrouted, "ana"));
        await FlagAsync(h, caseId, CaseFlag.Misrouted, "ben");
        await FlagAsync(h, caseId, CaseFlag.CustomerRepeated, "ana");

        // Assert
        // The unique index refuses it: SQLite says "UNIQUE constraint failed", PostgreSQL "duplicate key value violates unique constraint".
        Assert.Matches("UNIQUE|unique constraint", Assert.IsType<DbUpdateException>(again).InnerException?.Message);
        Assert.Equal([("ana", CaseFlag.Misrouted), ("ben", CaseFlag.Misrouted), ("ana", CaseFlag.CustomerRepeated)],
            (await h.FlagsAsync(caseId)).Select(f => (f.ActorId, f.Flag)));
    }

    [Fact]
    public void AFlagIsLoggedByNameWithItsCommentKeptOnTheFlag()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", EngineHarness.Start.UtcDateTime);
        var decision = EscalationDecision.Escalated([new EscalationReason(ReasonCategory.CustomerRequest, "explicit-request", "a human please")],
            IssueCategory.Billing, 0.9, CasePriority.Normal, Skill.Billing, AgentTier.Specialist, -0.2, SentimentTrend.Steady);
        var @case = new Case(conversation, decision, "briefing", EngineHarness.Start.UtcDateTime);

        var flag = @case.Flag(CaseFlag.UnnecessaryEscalation, "  The bot had the answer  ", EngineHarness.Start.UtcDateTime, ActorKind.Agent, "ana");

        Assert.Equal((CaseFlag.UnnecessaryEscalation, "The bot had the answer", "ana"), (flag.Flag, flag.Comment, flag.ActorId));
        var logged = Assert.Single(@case.Events, e => e.Type == CaseEventType.Flagged);
        Assert.Equal((nameof(CaseFlag.UnnecessaryEscalation), (string?)null, "ana"), (logged.Detail, logged.Comment, logged.ActorId));
    }

    private static async Task FlagAsync(EngineHarness h, long caseId, CaseFlag flag, string actor)
    {
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var @case = await db.Cases.SingleAsync(c => c.Id == caseId);
        @case.Flag(flag, null, h.Now, ActorKind.Agent, actor);
        await db.SaveChangesAsync();
    }
}
