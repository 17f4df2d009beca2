using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Staffing.Simulation;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Staffing;

/// <summary>The simulator's event loop on hand-computed small days, through the real routing policy.</summary>
public sealed class StaffingSimulatorTests
{
    private static readonly DateTime Day = new(2026, 3, 13, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly Guid Team = Guid.NewGuid();

    private static StaffingSimulator Simulator() => new(new RoutingPolicy(ShippedSettings.Routing()));

    private static SimulatedAgent Agent(string name, int capacity, params Shift[] shifts) =>
        new(new AgentSnapshot(Guid.NewGuid(), name, Team, AgentTier.Specialist, SkillLevels.None.With(Skill.Billing, 3), capacity, 0, false, Presence.Offline, null), shifts);

    private static SimulatedCase Case(long id, DateTime at, TimeSpan handle, TimeSpan? patience = null) =>
        new(new CaseToRoute(id, IssueCategory.Billing, Skill.Billing, AgentTier.Specialist, CasePriority.Normal, at), Team, at, handle, patience ?? TimeSpan.FromDays(1));

    private static DateTime T(int hour, int minute) => Day.AddHours(hour).AddMinutes(minute);

    /// <summary>
    /// One agent (capacity 1) on duty 09:00–17:00. K1 arrives 09:00 (10 min), K2 09:05 (10 min), K3 09:06 (5 min).
    /// K1 is taken at once and done at 09:10; K2 waits 5 min and is done at 09:20; K3 waits 14 min and is done at 09:25.
    /// Waits 0, 5, 14 min: p50 (rank 2 of 3) 5 min, p90 (rank 3) 14 min; one of three within 60 s. The agent
    /// held a case 25 of the shift's 480 minutes, 25 of the 60 in hour 9.
    /// </summary>
    [Fact]
    public void OneAgentWorksThreeCasesInArrivalOrder()
    {
        var agent = Agent("Ana", 1, new Shift(T(9, 0), T(17, 0)));
        var cases = new[] { Case(1, T(9, 0), 10 * Minute), Case(2, T(9, 5), 10 * Minute), Case(3, T(9, 6), 5 * Minute) };

        var result = Simulator().Run([agent], cases, Day, TimeSpan.FromSeconds(60));

        Assert.Equal(TimeSpan.Zero, result.WaitByCase[1]);
        Assert.Equal(5 * Minute, result.WaitByCase[2]);
        Assert.Equal(14 * Minute, result.WaitByCase[3]);
        Assert.Equal((3, 3, 0), (result.Cases, result.Answered, result.Abandoned));
        Assert.Equal(5 * Minute, result.Waits.P50);
        Assert.Equal(14 * Minute, result.Waits.P90);
        Assert.Equal(1d / 3, result.Sla.Value);
        Assert.Equal(25d / 480, result.Occupancy!.Value, 12);
        var nine = result.Hours[9];
        Assert.Equal((3, 3, 1), (nine.Arrivals, nine.Answered, nine.AgentsOnDuty));
        Assert.Equal(25d / 60, nine.Occupancy!.Value, 12);
        Assert.Equal(0, result.Hours[10].Occupancy);
        Assert.Null(result.Hours[8].Occupancy);
    }

    /// <summary>The same day, but K3's customer gives up after 10 minutes (09:16), before the agent is free at 09:20.</summary>
    [Fact]
    public void ACustomerWhosePatienceRunsOutAbandons()
    {
        var agent = Agent("Ana", 1, new Shift(T(9, 0), T(17, 0)));
        var cases = new[] { Case(1, T(9, 0), 10 * Minute), Case(2, T(9, 5), 10 * Minute), Case(3, T(9, 6), 5 * Minute, patience: 10 * Minute) };

        var result = Simulator().Run([agent], cases, Day, TimeSpan.FromSeconds(60));

        Assert.Equal((2, 1), (result.Answered, result.Abandoned));
        Assert.False(result.WaitByCase.ContainsKey(3));
        Assert.Equal(1d / 3, result.Abandonment.Value);
        Assert.Equal(20d / 480, result.Occupancy!.Value, 12);
    }

    /// <summary>A case that arrives before anyone is on duty waits for the shift; two slots take two cases at once.</summary>
    [Fact]
    public void CasesWaitForTheShiftAndCapacityTakesSeveralAtOnce()
    {
        var agent = Agent("Ana", 2, new Shift(T(9, 0), T(10, 0)));
        var cases = new[] { Case(1, T(8, 50), 30 * Minute), Case(2, T(8, 55), 30 * Minute), Case(3, T(9, 10), 10 * Minute) };

        var result = Simulator().Run([agent], cases, Day, TimeSpan.FromSeconds(60));

        Assert.Equal(10 * Minute, result.WaitByCase[1]);
        Assert.Equal(5 * Minute, result.WaitByCase[2]);
        // Both slots are busy until 09:30.
        Assert.Equal(20 * Minute, result.WaitByCase[3]);
        // Slots on duty 09:00–10:00: 120 slot-minutes; held: 30 + 30 + 10 = 70.
        Assert.Equal(70d / 120, result.Occupancy!.Value, 12);
    }

    /// <summary>An agent going off duty finishes their case but takes nothing new; the next shift's agent takes the waiting one.</summary>
    [Fact]
    public void AnAgentOffDutyTakesNoNewCase()
    {
        var early = Agent("Early", 1, new Shift(T(9, 0), T(9, 30)));
        var late = Agent("Late", 1, new Shift(T(10, 0), T(11, 0)));
        var cases = new[] { Case(1, T(9, 20), 20 * Minute), Case(2, T(9, 25), 5 * Minute) };

        var result = Simulator().Run([early, late], cases, Day, TimeSpan.FromSeconds(60));

        Assert.Equal(TimeSpan.Zero, result.WaitByCase[1]);
        Assert.Equal(35 * Minute, result.WaitByCase[2]);
    }

    /// <summary>
    /// Two teams side by side: Billing's Ana (capacity 1) and Technical's Ben (capacity 1), both on duty 09:00–17:00.
    /// Billing's K1 09:00 (10 min) goes to Ana, Technical's K2 09:00 (30 min) to Ben (Ana is busy and lacks the skill),
    /// Billing's K3 09:05 (10 min) waits for Ana until 09:10. Billing: waits 0 and 5 min (p50 rank 1 of 2 = 0,
    /// p90 rank 2 = 5 min), one of two within 60 s, Ana held a case 20 of 480 minutes (20 of 60 in hour 9).
    /// Technical: one case, no wait, Ben held it 30 of 480 minutes. The desk: 50 of 960.
    /// </summary>
    [Fact]
    public void CountsEachTeamsCasesAndAgentsApart()
    {
        var (billing, technical) = (Guid.NewGuid(), Guid.NewGuid());
        var nineToFive = new Shift(T(9, 0), T(17, 0));
        SimulatedAgent Member(string name, Guid team, Skill skill) =>
            new(new AgentSnapshot(Guid.NewGuid(), name, team, AgentTier.Specialist, SkillLevels.None.With(skill, 3), 1, 0, false, Presence.Offline, null), [nineToFive]);
        SimulatedCase Work(long id, Guid team, Skill skill, DateTime at, TimeSpan handle) =>
            new(new CaseToRoute(id, IssueCategory.Other, skill, AgentTier.Specialist, CasePriority.Normal, at), team, at, handle, TimeSpan.FromDays(1));
        var agents = new[] { Member("Ana", billing, Skill.Billing), Member("Ben", technical, Skill.Technical) };
        var cases = new[]
        {
            Work(1, billing, Skill.Billing, T(9, 0), 10 * Minute),
            Work(2, technical, Skill.Technical, T(9, 0), 30 * Minute),
            Work(3, billing, Skill.Billing, T(9, 5), 10 * Minute),
        };

        var result = Simulator().Run(agents, cases, Day, TimeSpan.FromSeconds(60));

        var b = result.Team(billing);
        Assert.Equal((2, 2, 0), (b.Cases, b.Answered, b.Abandoned));
        Assert.Equal([1L, 3L], b.WaitByCase.Keys.Order());
        Assert.Equal((TimeSpan.Zero, 5 * Minute), (b.Waits.P50, b.Waits.P90));
        Assert.Equal(0.5, b.Sla.Value);
        Assert.Equal(20d / 480, b.Occupancy!.Value, 12);
        Assert.Equal(20d / 60, b.Hours[9].Occupancy!.Value, 12);
        Assert.Equal((2, 1), (b.Hours[9].Arrivals, b.Hours[9].AgentsOnDuty));
        var t = result.Team(technical);
        Assert.Equal((1, 1, 1d), (t.Cases, t.Answered, t.Sla.Value));
        Assert.Equal(TimeSpan.Zero, t.WaitByCase[2]);
        Assert.Equal(30d / 480, t.Occupancy!.Value, 12);
        Assert.Equal((3, 2), (result.Cases, result.Hours[9].AgentsOnDuty));
        Assert.Equal(50d / 960, result.Occupancy!.Value, 12);
        // A team with neither cases nor agents that day has a day of nothing.
        Assert.Equal((0, 24), (result.Team(Guid.NewGuid()).Cases, result.Team(Guid.NewGuid()).Hours.Count));
    }

    [Fact]
    public void SimulatesADayOfFiveThousandCasesInOrder()
    {
        var random = new Random(7);
        var agents = Enumerable.Range(0, 40).Select(i => Agent($"A{i}", 3, new Shift(T(0, 0), T(23, 59)))).ToList();
        var cases = Enumerable.Range(1, 5000).Select(i => Case(i, Day.AddSeconds(random.Next(86_000)), TimeSpan.FromSeconds(300 + random.Next(1200)),
            TimeSpan.FromSeconds(600))).OrderBy(c => c.ArrivesAt).ToList();

        var result = Simulator().Run(agents, cases, Day, TimeSpan.FromSeconds(60));

        Assert.Equal(5000, result.Answered + result.Abandoned);
        Assert.Equal(5000, result.Hours.Sum(h => h.Arrivals));
    }
}
