using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Microsoft.Extensions.Options;

namespace AgentConsole.Tests.Core.Metrics;

/// <summary>
/// Routing accuracy and first-contact resolution from event logs written in the test, against
/// values worked out by hand. The desk's zone is two hours ahead of UTC.
/// </summary>
public sealed class RoutingAccuracyQueryTests
{
    // Two hours ahead of UTC all year, by a zone id the desk's settings can name, so the day rollups serve its filters.
    private static readonly TimeZoneInfo Desk = TimeZoneInfo.FindSystemTimeZoneById(DeskZone);
    private const string DeskZone = "Etc/GMT-2";
    private static readonly DateOnly March10 = new(2026, 3, 10), March11 = new(2026, 3, 11);

    private sealed record Desk3(Agent Ana, Agent Ben, Agent Cy, Team Billing, Team Tech, long K1, long K2, long K3, long K4, long K5);

    /// <summary>
    /// Ana is in Billing; Ben and Cy in Tech. On 10–11 March (local):
    /// K1 Billing, 10th 08:05 UTC (10:05 local): declined by Ana once, accepted by Ana, resolved by her. First agent, first contact.
    /// K2 Technical, 10th 09:20: accepted by Ben, transferred, reassigned to Ben by a lead, resolved. Not first agent.
    /// K3 Billing, 11th 12:01: auto-assigned to Ana, resolved 12:23; its conversation escalates again as K4 at 15:00. First agent, not first contact.
    /// K4 classified Technical, confirmed Billing on resolving, 11th 15:00: a lead assigns it from the queue to Cy, who resolves it. First agent, first contact.
    /// K5 Billing, 11th 13:00: accepted by Ana, reclaimed, accepted by Cy, resolved by Cy. Not first agent.
    /// Left out: K6 (accepted by Cy, still open), K7 (resolved from the queue, never assigned), K8 (opened the 13th local).
    /// </summary>
    private static async Task<Desk3> SeedAsync(EngineHarness h)
    {
        var billing = await h.TeamAsync("Billing");
        var tech = await h.TeamAsync("Tech");
        var ana = await h.AgentAsync("Ana", billing);
        var ben = await h.AgentAsync("Ben", tech, skills: (Skill.Technical, 3));
        var cy = await h.AgentAsync("Cy", tech);
        var desk = new DeskHistory(h);

        var c1 = await desk.ConversationAsync(U(10, 8, 0), messages: [(MessageAuthor.Customer, U(10, 8, 0))]);
        var k1 = await desk.CaseAsync(c1, U(10, 8, 5), IssueCategory.Billing, Skill.Billing, (c, a) =>
        {
            c.Queue(U(10, 8, 5));
            c.Offer(ana.Id, U(10, 8, 6), U(10, 8, 7));
            c.Decline(ana.Id, "busy", U(10, 8, 7));
            c.Offer(ana.Id, U(10, 8, 8), U(10, 8, 11));
            c.Accept(a(ana), U(10, 8, 10), null);
            c.Resolve("done", U(10, 8, 40), ActorKind.Agent, ana.Id.ToString());
        });

        var c2 = await desk.ConversationAsync(U(10, 9, 0), messages: [(MessageAuthor.Customer, U(10, 9, 0))]);
        var k2 = await desk.CaseAsync(c2, U(10, 9, 20), IssueCategory.Technical, Skill.Technical, (c, a) =>
        {
            c.Queue(U(10, 9, 20));
            c.Offer(ben.Id, U(10, 9, 25), U(10, 9, 31));
            c.Accept(a(ben), U(10, 9, 30), null);
            c.Transfer(Skill.Technical, null, "needs a closer look", U(10, 9, 40), ActorKind.Agent, ben.Id.ToString());
            c.Assign(a(ben), U(10, 9, 45), ActorKind.User, "lead", CaseEventReason.Reassigned);
            c.Resolve("fixed", U(10, 10, 30), ActorKind.Agent, ben.Id.ToString());
        });

        var c3 = await desk.ConversationAsync(U(11, 12, 0), messages: [(MessageAuthor.Customer, U(11, 12, 0))]);
        var k3 = await desk.CaseAsync(c3, U(11, 12, 1), IssueCategory.Billing, Skill.Billing, (c, a) =>
        {
            c.Queue(U(11, 12, 1));
            c.Assign(a(ana), U(11, 12, 2), reason: CaseEventReason.AutoAssigned);
            c.Resolve("sorted", U(11, 12, 23), ActorKind.Agent, ana.Id.ToString());
        });
        await desk.MessagesAsync(c3, (MessageAuthor.Customer, U(11, 14, 50)));
        var k4 = await desk.CaseAsync(c3, U(11, 15, 0), IssueCategory.Technical, Skill.Technical, (c, a) =>
        {
            c.Queue(U(11, 15, 0));
            c.Assign(a(cy), U(11, 15, 5), ActorKind.User, "lead", CaseEventReason.Reassigned);
            c.Resolve("sorted for good", U(11, 15, 30), ActorKind.Agent, cy.Id.ToString());
            c.ConfirmResolvedCategory(IssueCategory.Billing);
        });

        var c5 = await desk.ConversationAsync(U(11, 13, 0), messages: [(MessageAuthor.Customer, U(11, 13, 0))]);
        var k5 = await desk.CaseAsync(c5, U(11, 13, 0), IssueCategory.Billing, Skill.Billing, (c, a) =>
        {
            c.Queue(U(11, 13, 0));
            c.Offer(ana.Id, U(11, 13, 1), U(11, 13, 3));
            c.Accept(a(ana), U(11, 13, 2), U(11, 13, 12));
            c.ReturnToQueue(CaseEventReason.Reclaimed, U(11, 13, 12), ActorKind.System, null, null, exclude: true);
            c.Offer(cy.Id, U(11, 13, 13), U(11, 13, 15));
            c.Accept(a(cy), U(11, 13, 14), null);
            c.Resolve("done", U(11, 13, 40), ActorKind.Agent, cy.Id.ToString());
        });

        var c6 = await desk.ConversationAsync(U(10, 10, 0), messages: [(MessageAuthor.Customer, U(10, 10, 0))]);
        await desk.CaseAsync(c6, U(10, 10, 0), history: (c, a) =>
        {
            c.Queue(U(10, 10, 0));
            c.Assign(a(cy), U(10, 10, 1), reason: CaseEventReason.AutoAssigned);
        });
        var c7 = await desk.ConversationAsync(U(10, 11, 0), messages: [(MessageAuthor.Customer, U(10, 11, 0))]);
        await desk.CaseAsync(c7, U(10, 11, 0), history: (c, _) =>
        {
            c.Queue(U(10, 11, 0));
            c.Resolve("the customer sorted it", U(10, 11, 5), ActorKind.User, "supervisor");
        });
        var c8 = await desk.ConversationAsync(U(12, 23, 0), messages: [(MessageAuthor.Customer, U(12, 23, 0))]);
        await desk.CaseAsync(c8, U(12, 23, 0), history: (c, a) =>
        {
            c.Queue(U(12, 23, 0));
            c.Assign(a(ana), U(12, 23, 1), reason: CaseEventReason.AutoAssigned);
            c.Resolve("late", U(12, 23, 30), ActorKind.Agent, ana.Id.ToString());
        });
        return new Desk3(ana, ben, cy, billing, tech, k1, k2, k3, k4, k5);
    }

    private static DateTime U(int day, int hour, int minute) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>The figures with the shipped settings in the desk's zone, read from the day rollups or, with <paramref name="rollups"/> off, from the fact rows.</summary>
    private static RoutingAccuracyQuery Query(EngineHarness h, bool rollups)
    {
        var settings = ShippedSettings.Metrics();
        (settings.TimeZone, settings.Rollups) = (DeskZone, rollups);
        return new(h.DbFactory, Options.Create(settings));
    }

    private static MetricsFilter TenthToEleventh => new(March10, March11, Desk);

    private static RoutingShares Shares(int firstAgent, int firstContact, int of) => new(new Rate(firstAgent, of), new Rate(firstContact, of));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CountsResolvedCasesKeptByTheirFirstAgentAndThoseThatDidNotComeBack(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var figure = await Query(h, rollups).ReportAsync(TenthToEleventh);

        // Assert: K1, K3 and K4 stayed with their first agent; K1 and K4 did not come back within 7 days.
        Assert.Equal(Shares(3, 2, 5), figure.Overall);
        Assert.Equal(0.6, figure.Overall.FirstAgent.Value);
        Assert.Equal(7, figure.ReopenWindowDays);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SplitsByConfirmedCategoryAndByFirstAssignedAgent(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var d = await SeedAsync(h);

        // Act
        var figure = await Query(h, rollups).ReportAsync(TenthToEleventh);

        // Assert: K4 counts as Billing, as confirmed; K5 counts for Ana, its first agent, though Cy resolved it.
        Assert.Equal([new CategoryRouting(IssueCategory.Billing, Shares(3, 2, 4)), new CategoryRouting(IssueCategory.Technical, Shares(0, 0, 1))], figure.ByCategory);
        Assert.Equal(
            [new AgentRouting(d.Ana.Id, "Ana", Shares(2, 1, 3)), new AgentRouting(d.Ben.Id, "Ben", Shares(0, 0, 1)), new AgentRouting(d.Cy.Id, "Cy", Shares(1, 1, 1))],
            figure.ByAgent);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ATeamSeesOnlyTheCasesItsAgentsHeldAtTheEnd(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var d = await SeedAsync(h);

        // Act
        var billing = await Query(h, rollups).ReportAsync(TenthToEleventh with { TeamId = d.Billing.Id });
        var tech = await Query(h, rollups).ReportAsync(TenthToEleventh with { TeamId = d.Tech.Id });

        // Assert: Billing has K1 and K3; Tech has K2, K4 and K5 (resolved by Cy).
        Assert.Equal(Shares(2, 1, 2), billing.Overall);
        Assert.Equal(Shares(1, 1, 3), tech.Overall);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnEmptyRangeHasNoValueAndNoRows(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var figure = await Query(h, rollups).ReportAsync(new MetricsFilter(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 9), Desk));

        // Assert
        Assert.Equal(Shares(0, 0, 0), figure.Overall);
        Assert.Null(figure.Overall.FirstAgent.Value);
        Assert.Empty(figure.ByCategory);
        Assert.Empty(figure.ByAgent);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ALocalHourOfDayKeepsOnlyTheCasesOpenedInIt(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act: 10:00–10:59 local is 08:00–08:59 UTC, when only K1 opened.
        var figure = await Query(h, rollups).ReportAsync(TenthToEleventh with { HourOfDay = 10 });

        // Assert
        Assert.Equal(Shares(1, 1, 1), figure.Overall);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ALocalHourFollowsTheClockChange(bool rollups)
    {
        // Arrange: Berlin moves from UTC+1 to UTC+2 on 29 March 2026. 10:30 local is 09:30 UTC on the 28th and 08:30 UTC on the 30th.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        var desk = new DeskHistory(h);
        var opened = new[] { At(28, 9, 30), At(30, 8, 30), At(30, 9, 30) };
        foreach (var at in opened)
        {
            var conversation = await desk.ConversationAsync(at, messages: [(MessageAuthor.Customer, at)]);
            await desk.CaseAsync(conversation, at, history: (c, a) =>
            {
                c.Queue(at);
                c.Assign(a(ana), at.AddMinutes(1), reason: CaseEventReason.AutoAssigned);
                c.Resolve("done", at.AddMinutes(5), ActorKind.Agent, ana.Id.ToString());
            });
        }
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // Act
        var ten = await Query(h, rollups).ReportAsync(new MetricsFilter(new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 30), berlin) { HourOfDay = 10 });
        var eleven = await Query(h, rollups).ReportAsync(new MetricsFilter(new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 30), berlin) { HourOfDay = 11 });

        // Assert
        Assert.Equal(Shares(2, 2, 2), ten.Overall);
        Assert.Equal(Shares(1, 1, 1), eleven.Overall);

        static DateTime At(int day, int hour, int minute) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DrillsDownToTheCasesBehindACategoryAndAnAgent(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var d = await SeedAsync(h);

        // Act
        var billing = await Query(h, rollups).CasesAsync(TenthToEleventh, category: IssueCategory.Billing);
        var ana = await Query(h, rollups).CasesAsync(TenthToEleventh, agentId: d.Ana.Id);
        var all = await Query(h, rollups).CasesAsync(TenthToEleventh);

        // Assert: the latest first, each with its outcome.
        Assert.Equal([new RoutedCase(d.K5, false, false), new RoutedCase(d.K4, true, true), new RoutedCase(d.K3, true, false), new RoutedCase(d.K1, true, true)], billing);
        Assert.Equal([d.K5, d.K3, d.K1], ana.Select(c => c.CaseId));
        Assert.Equal([d.K5, d.K4, d.K3, d.K2, d.K1], all.Select(c => c.CaseId));
    }
}
