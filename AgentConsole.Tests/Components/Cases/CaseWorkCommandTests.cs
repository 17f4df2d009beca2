using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;

namespace AgentConsole.Tests.Components.Cases;

/// <summary>
/// The engine commands behind the case view's work: internal notes, feedback flags, and resolving
/// with the category confirmed or corrected. (Engine tests, kept beside the case view they serve.)
/// </summary>
public sealed class CaseWorkCommandTests
{
    [Fact]
    public async Task AnAgentWhoDoesNotHoldTheCaseCanNeitherNoteNorFlagIt()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        var ben = await h.AgentAsync("Ben", team, presence: Presence.Away);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();

        // Act
        var note = await Record.ExceptionAsync(() => h.Engine.AddNoteAsync(caseId, "Looks like fraud", EngineHarness.As(ben)));
        var flag = await Record.ExceptionAsync(() => h.Engine.FlagAsync(caseId, CaseFlag.Misrouted, null, EngineHarness.As(ben)));

        // Assert
        Assert.IsType<RoutingForbiddenException>(note);
        Assert.IsType<RoutingForbiddenException>(flag);
        var stored = await h.CaseAsync(caseId);
        Assert.DoesNotContain(stored.Events, e => e.Type is CaseEventType.Noted or CaseEventType.Flagged);
        Assert.Equal(ana.Id, stored.OfferedAgentId);
    }

    [Fact]
    public async Task TheHolderNotesAndFlagsTheCaseWithoutMovingIt()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        h.ClearEvents();

        // Act
        await h.Engine.AddNoteAsync(caseId, "  Called finance  ", EngineHarness.As(ana));
        await h.Engine.FlagAsync(caseId, CaseFlag.CustomerRepeated, "Asked for the invoice number again", EngineHarness.As(ana));

        // Assert
        var stored = await h.CaseAsync(caseId);
        Assert.Equal("Called finance", Assert.Single(stored.Events, e => e.Type == CaseEventType.Noted).Comment);
        Assert.Equal(nameof(CaseFlag.CustomerRepeated), Assert.Single(stored.Events, e => e.Type == CaseEventType.Flagged).Detail);
        var flag = Assert.Single(await h.FlagsAsync(caseId));
        Assert.Equal((CaseFlag.CustomerRepeated, "Asked for the invoice number again", ana.Id.ToString()), (flag.Flag, flag.Comment, flag.ActorId));
        Assert.Equal((CaseStatus.Assigned, ana.Id), (stored.Status, stored.AssignedAgentId));
        // Only activity for whoever has the case open: nothing moved.
        Assert.Equal([(CaseActivityKind.Note, caseId, ana.Id, team.Id), (CaseActivityKind.Flag, caseId, ana.Id, team.Id)],
            h.Events.Select(e => Assert.IsType<CaseActivity>(e)).Select(e => (e.Kind, e.CaseId, e.AgentId!.Value, e.TeamId!.Value)));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task AnActorFlagsACaseOnlyOncePerFlag()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();
        await h.Engine.FlagAsync(caseId, CaseFlag.Misrouted, "Not billing", EngineHarness.As(ana));

        // Act
        var again = await Record.ExceptionAsync(() => h.Engine.FlagAsync(caseId, CaseFlag.Misrouted, "Really not billing", EngineHarness.As(ana)));
        await h.Engine.FlagAsync(caseId, CaseFlag.UnnecessaryEscalation, null, EngineHarness.As(ana));
        await h.Engine.FlagAsync(caseId, CaseFlag.Misrouted, null, RoutingActor.ForSupervisor("Sofia"));

        // Assert
        Assert.IsType<DomainException>(again);
        var flags = (await h.FlagsAsync(caseId)).Select(f => (f.ActorId, f.Flag)).ToList();
        Assert.Equal([(ana.Id.ToString(), CaseFlag.Misrouted), (ana.Id.ToString(), CaseFlag.UnnecessaryEscalation), ("Sofia", CaseFlag.Misrouted)], flags);
        Assert.Equal("Not billing", (await h.FlagsAsync(caseId)).First(f => f.Flag == CaseFlag.Misrouted && f.ActorId == ana.Id.ToString()).Comment);
        Assert.Equal(3, (await h.CaseAsync(caseId)).Events.Count(e => e.Type == CaseEventType.Flagged));
    }

    [Fact]
    public async Task ResolvingWithACorrectedCategoryKeepsItAndFreesTheAgent()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync(IssueCategory.Billing);
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));

        // Act
        await h.Engine.ResolveAsync(caseId, "Was a cancellation request", IssueCategory.Cancellation, EngineHarness.As(ana));

        // Assert
        var stored = await h.CaseAsync(caseId);
        Assert.Equal((CaseStatus.Resolved, IssueCategory.Billing, (IssueCategory?)IssueCategory.Cancellation), (stored.Status, stored.Category, stored.ResolvedCategory));
        Assert.Single(h.EventsOf<CaseResolved>(), e => e.CaseId == caseId && e.AgentId == ana.Id);
        Assert.Equal(0, (await h.Engine.SnapshotAsync()).Agents.Single(a => a.Id == ana.Id).Load);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task ResolvingWithACategoryFollowsTheSameRulesAsResolving()
    {
        // Arrange: the case is only offered to Ana, not accepted.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();

        // Act
        var error = await Record.ExceptionAsync(() => h.Engine.ResolveAsync(caseId, "Done", IssueCategory.Billing, EngineHarness.As(ana)));

        // Assert
        Assert.IsType<DomainException>(error);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal((CaseStatus.Offered, (IssueCategory?)null), (stored.Status, stored.ResolvedCategory));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task TheAgentWhoResolvedACaseMayStillFlagItButNobodyElseOnTheirTeam()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        var ben = await h.AgentAsync("Ben", team, presence: Presence.Away);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        await h.Engine.ResolveAsync(caseId, "Refunded", EngineHarness.As(ana));

        // Act
        await h.Engine.FlagAsync(caseId, CaseFlag.UnnecessaryEscalation, "The bot could have refunded it", EngineHarness.As(ana));
        var other = await Record.ExceptionAsync(() => h.Engine.FlagAsync(caseId, CaseFlag.UnnecessaryEscalation, null, EngineHarness.As(ben)));

        // Assert
        Assert.IsType<RoutingForbiddenException>(other);
        Assert.Single((await h.CaseAsync(caseId)).Events, e => e.Type == CaseEventType.Flagged);
    }
}
