using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;

namespace AgentConsole.Tests.Core.Metrics;

/// <summary>Context use from event logs and openings written in the test, against values worked out by hand.</summary>
public sealed class ContextUseQueryTests
{
    private static readonly TimeZoneInfo Desk = TimeZoneInfo.CreateCustomTimeZone("Desk+2", TimeSpan.FromHours(2), "Desk +02:00", "Desk +02:00");
    private static readonly MetricsFilter TenthToEleventh = new(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 11), Desk);

    private sealed record Seeded(Agent Ana, Agent Ben, Team Billing, Team Tech, long K1, long K2, long K3, long K4);

    /// <summary>
    /// Ana is in Billing, Ben in Tech.
    /// K1 (10th): Ana accepts 08:10, opens the customer profile 08:12, replies 08:20, opens the routing explanation 08:30.
    /// K2 (10th): Ben accepts 09:30, opens the profile 09:35 and the page 09:36, replies 09:40, transfers; a lead gives it to Ana,
    /// who replies 10:00 having opened nothing, and resolves it (so it is Billing's).
    /// K3 (11th): Ana accepts and opens account health, but never replies: not worked.
    /// K4 (11th 10:00): Ben accepts, opens the reasons 10:05, replies 10:10, opens the profile 10:20; still open (Tech's).
    /// K5 (13th local): Ana replies after opening the profile: outside the range.
    /// Worked: (K1, Ana), (K2, Ben), (K2, Ana), (K4, Ben).
    /// </summary>
    private static async Task<Seeded> SeedAsync(EngineHarness h)
    {
        var billing = await h.TeamAsync("Billing");
        var tech = await h.TeamAsync("Tech");
        var ana = await h.AgentAsync("Ana", billing);
        var ben = await h.AgentAsync("Ben", tech, skills: (Skill.Technical, 3));
        var desk = new DeskHistory(h);

        var k1 = await WorkedCaseAsync(desk, U(10, 8, 5), (c, a) =>
        {
            c.Assign(a(ana), U(10, 8, 10), reason: CaseEventReason.AutoAssigned);
            c.RecordReply(ana.Id, U(10, 8, 20));
            c.Resolve("done", U(10, 8, 50), ActorKind.Agent, ana.Id.ToString());
        });
        await OpenAsync(h, k1, ana, ContextElements.CustomerProfile, U(10, 8, 12));
        await OpenAsync(h, k1, ana, ContextElements.RoutingExplanation, U(10, 8, 30));

        var k2 = await WorkedCaseAsync(desk, U(10, 9, 20), (c, a) =>
        {
            c.Assign(a(ben), U(10, 9, 30), reason: CaseEventReason.AutoAssigned);
            c.RecordReply(ben.Id, U(10, 9, 40));
            c.Transfer(Skill.Billing, billing.Id, "billing question", U(10, 9, 45), ActorKind.Agent, ben.Id.ToString());
            c.Assign(a(ana), U(10, 9, 50), ActorKind.User, "lead", CaseEventReason.Reassigned);
            c.RecordReply(ana.Id, U(10, 10, 0));
            c.Resolve("done", U(10, 10, 30), ActorKind.Agent, ana.Id.ToString());
        });
        await OpenAsync(h, k2, ben, ContextElements.CustomerProfile, U(10, 9, 35));
        await OpenAsync(h, k2, ben, ContextElements.PageCurrent, U(10, 9, 36));

        var k3 = await WorkedCaseAsync(desk, U(11, 7, 0), (c, a) => c.Assign(a(ana), U(11, 7, 1), reason: CaseEventReason.AutoAssigned));
        await OpenAsync(h, k3, ana, ContextElements.CustomerHealth, U(11, 7, 2));

        var k4 = await WorkedCaseAsync(desk, U(11, 10, 0), (c, a) =>
        {
            c.Assign(a(ben), U(11, 10, 1), reason: CaseEventReason.AutoAssigned);
            c.RecordReply(ben.Id, U(11, 10, 10));
        });
        await OpenAsync(h, k4, ben, ContextElements.EscalationReasons, U(11, 10, 5));
        await OpenAsync(h, k4, ben, ContextElements.CustomerProfile, U(11, 10, 20));

        var k5 = await WorkedCaseAsync(desk, U(12, 23, 0), (c, a) =>
        {
            c.Assign(a(ana), U(12, 23, 1), reason: CaseEventReason.AutoAssigned);
            c.RecordReply(ana.Id, U(12, 23, 10));
        });
        await OpenAsync(h, k5, ana, ContextElements.CustomerProfile, U(12, 23, 5));
        return new Seeded(ana, ben, billing, tech, k1, k2, k3, k4);
    }

    private static async Task<long> WorkedCaseAsync(DeskHistory desk, DateTime openedAt, Action<Case, Func<Agent, Agent>> history)
    {
        var conversation = await desk.ConversationAsync(openedAt, messages: [(MessageAuthor.Customer, openedAt)]);
        return await desk.CaseAsync(conversation, openedAt, IssueCategory.Billing, Skill.Billing, (c, a) =>
        {
            c.Queue(openedAt);
            history(c, a);
        });
    }

    private static async Task OpenAsync(EngineHarness h, long caseId, Agent agent, ContextElement element, DateTime at)
    {
        await using var db = await h.DbFactory.CreateDbContextAsync();
        db.ContextOpenings.Add(new ContextOpening(caseId, agent.Id, element, at));
        await db.SaveChangesAsync();
    }

    private static DateTime U(int day, int hour, int minute) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);

    private static (Rate Before, Rate AtAll) Use(ContextUseFigure figure, ContextElement element)
    {
        var use = Assert.Single(figure.Elements, e => e.Element == element);
        return (use.BeforeFirstReply, use.AtAll);
    }

    [Fact]
    public async Task SharesOfWorkedCasesWhereAgentsOpenedEachElementBeforeTheirFirstReplyAndAtAll()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var figure = await new ContextUseQuery(h.DbFactory).ReportAsync(TenthToEleventh);

        // Assert
        Assert.Equal(4, figure.WorkedCases);
        Assert.Equal((new Rate(2, 4), new Rate(3, 4)), Use(figure, ContextElements.CustomerProfile));
        Assert.Equal((new Rate(1, 4), new Rate(1, 4)), Use(figure, ContextElements.PageCurrent));
        Assert.Equal((new Rate(1, 4), new Rate(1, 4)), Use(figure, ContextElements.EscalationReasons));
        // Opened only after the reply: it counts at all, not before.
        Assert.Equal((new Rate(0, 4), new Rate(1, 4)), Use(figure, ContextElements.RoutingExplanation));
        // Opened on a case nobody answered: not a worked case.
        Assert.Equal((new Rate(0, 4), new Rate(0, 4)), Use(figure, ContextElements.CustomerHealth));
        Assert.Equal(ContextElements.All.Count, figure.Elements.Count);
        Assert.Equal(ContextElements.CustomerProfile, figure.Elements[0].Element);
    }

    [Fact]
    public async Task ElementsNobodyOpenedAreListedAtZero()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var figure = await new ContextUseQuery(h.DbFactory).ReportAsync(TenthToEleventh);

        // Assert
        var never = figure.Elements.Where(e => e.AtAll.Count == 0).Select(e => e.Element).ToHashSet();
        Assert.Equal([ContextElements.BriefingBotAttempts, ContextElements.BriefingCustomerTries, ContextElements.BriefingReasons,
            ContextElements.CustomerHealth, ContextElements.CustomerProducts, ContextElements.RecentCases, ContextElements.PageHistory], never.OrderBy(e => ContextElements.All.ToList().IndexOf(e)));
        Assert.All(figure.Elements.Where(e => never.Contains(e.Element)), e => Assert.Equal(0.0, e.BeforeFirstReply.Value));
    }

    [Fact]
    public async Task ATeamFilterKeepsOnlyItsCases()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var d = await SeedAsync(h);

        // Act: K2 ended with Ana, so it is Billing's; Tech keeps K4 alone.
        var tech = await new ContextUseQuery(h.DbFactory).ReportAsync(TenthToEleventh with { TeamId = d.Tech.Id });
        var billing = await new ContextUseQuery(h.DbFactory).ReportAsync(TenthToEleventh with { TeamId = d.Billing.Id });

        // Assert
        Assert.Equal(1, tech.WorkedCases);
        Assert.Equal((new Rate(1, 1), new Rate(1, 1)), Use(tech, ContextElements.EscalationReasons));
        Assert.Equal((new Rate(0, 1), new Rate(1, 1)), Use(tech, ContextElements.CustomerProfile));
        Assert.Equal(3, billing.WorkedCases);
        Assert.Equal((new Rate(2, 3), new Rate(2, 3)), Use(billing, ContextElements.CustomerProfile));
    }

    [Fact]
    public async Task AnEmptyRangeHasNoValues()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var figure = await new ContextUseQuery(h.DbFactory).ReportAsync(new MetricsFilter(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), Desk));

        // Assert
        Assert.Equal(0, figure.WorkedCases);
        Assert.Equal(ContextElements.All.Count, figure.Elements.Count);
        Assert.All(figure.Elements, e => Assert.Null(e.BeforeFirstReply.Value));
    }

    [Fact]
    public async Task DrillsDownToTheWorkedCasesAnElementWasOpenedOn()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var d = await SeedAsync(h);

        // Act
        var cases = await new ContextUseQuery(h.DbFactory).CasesAsync(TenthToEleventh, ContextElements.CustomerProfile.Key);

        // Assert
        Assert.Equal(
            [new ContextUseCase(d.K4, d.Ben.Id.ToString(), false), new ContextUseCase(d.K2, d.Ben.Id.ToString(), true), new ContextUseCase(d.K1, d.Ana.Id.ToString(), true)],
            cases);
        await Assert.ThrowsAsync<DomainException>(() => new ContextUseQuery(h.DbFactory).CasesAsync(TenthToEleventh, "briefing.nonsense"));
    }
}
