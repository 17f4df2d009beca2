using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Staffing;
using AgentConsole.Core.Staffing.Simulation;
using static AgentConsole.Tests.Core.Staffing.StaffingStore;

namespace AgentConsole.Tests.Core.Staffing;

/// <summary>
/// The simulator over the store: a busy Friday (13 March) replayed against the published roster,
/// with and without roster changes, and a forecast day drawn from the same history.
/// </summary>
public sealed class StaffingSimulationTests
{
    private static readonly DateOnly Friday = new(2026, 3, 13);
    private const int Friday9 = 4 * 24 + 9;

    /// <summary>
    /// Billing has one agent, Ana (capacity 1), scheduled Friday 09:00–11:00. Twelve cases arrived on
    /// Friday 13 March between 09:00 and 09:55, each handled for 30 minutes: one agent cannot keep up.
    /// </summary>
    private static async Task<(StaffingStore Store, Team Billing, Agent Ana)> BusyDayAsync()
    {
        var store = await CreateAsync(new StaffingOptions { PatienceSeconds = 3600 });
        var h = store.Harness;
        var billing = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", billing, capacity: 1);
        for (var i = 0; i < 12; i++) await store.CaseAsync(ana, At(13, 9, i * 5), TimeSpan.FromMinutes(30));
        await store.PublishAsync(billing, 1, Friday9, Friday9 + 1);
        return (store, billing, ana);
    }

    [Fact]
    public async Task ReplaysTheDaysStoredArrivalsAgainstThePublishedRoster()
    {
        var (store, billing, _) = await BusyDayAsync();
        await using var _h = store.Harness;

        var report = await store.Simulation.SimulateAsync(new SimulationRequest(Friday));

        Assert.Equal(12, report.Result.Cases);
        // Billing's day is the desk's: the team's figures carry its name and its twelve cases.
        Assert.Contains((billing.Id, "Billing"), report.Teams);
        Assert.Equal((12, report.Result.Answered, report.Result.Occupancy), (report.Result.Team(billing.Id).Cases, report.Result.Team(billing.Id).Answered, report.Result.Team(billing.Id).Occupancy));
        Assert.Equal(1, report.AgentsOnDuty);
        // One agent with 30-minute cases answers at most four cases in two hours.
        Assert.InRange(report.Result.Answered, 1, 4);
        Assert.Equal(TimeSpan.Zero, report.Result.WaitByCase.Values.Min());
    }

    [Fact]
    public async Task AddingTwoBillingSpecialistsLowersTheWait()
    {
        var (store, _, _) = await BusyDayAsync();
        await using var _h = store.Harness;

        var before = await store.Simulation.SimulateAsync(new SimulationRequest(Friday, Seed: 3));
        var after = await store.Simulation.SimulateAsync(new SimulationRequest(Friday, Seed: 3) { Add = [RosterChange.Parse("billing:Specialist:2")] });

        Assert.Equal(3, after.AgentsOnDuty);
        Assert.True(after.Result.Waits.P90 < before.Result.Waits.P90, $"p90 {after.Result.Waits.P90} against {before.Result.Waits.P90}");
        Assert.True(after.Result.Answered > before.Result.Answered);
        Assert.True(after.Result.Sla.Value > before.Result.Sla.Value);
    }

    [Fact]
    public async Task ADraftBeingEditedCanBeTriedWithoutSavingIt()
    {
        var (store, billing, _) = await BusyDayAsync();
        await using var _h = store.Harness;
        var draft = new int[WeekHours.Count];
        draft[Friday9] = draft[Friday9 + 1] = 4;

        var report = await store.Simulation.SimulateAsync(new SimulationRequest(Friday) { RosterOverride = new Dictionary<Guid, int[]> { [billing.Id] = draft } });

        // Ana and three copies of her.
        Assert.Equal(4, report.AgentsOnDuty);
        Assert.All(await store.Rosters.GetAsync(billing.Id, RosterVersion.Draft), a => Assert.True(a <= 1));
    }

    [Fact]
    public async Task AForecastDayIsDrawnFromTheHistoryAndTheSameSeedGivesTheSameDay()
    {
        var (store, _, _) = await BusyDayAsync();
        await using var _h = store.Harness;

        // Friday 20 March: the four weeks read hold one Friday with twelve 09:xx arrivals, so λ = 12 / 4 = 3 at 09:00.
        var one = await store.Simulation.SimulateAsync(new SimulationRequest(new DateOnly(2026, 3, 20), Forecast: true, Seed: 5));
        var again = await store.Simulation.SimulateAsync(new SimulationRequest(new DateOnly(2026, 3, 20), Forecast: true, Seed: 5));

        Assert.Equal(one.Result.Cases, again.Result.Cases);
        Assert.Equal(one.Result.WaitByCase, again.Result.WaitByCase);
        Assert.Equal(one.Result.Cases, one.Result.Hours[9].Arrivals);
    }

    [Fact]
    public async Task MovingOnCallNamesTheAgentsWhoCountAsOnCall()
    {
        var (store, _, _) = await BusyDayAsync();
        await using var _h = store.Harness;

        var report = await store.Simulation.SimulateAsync(new SimulationRequest(Friday) { OnCall = ["ana"] });

        Assert.Equal(12, report.Result.Cases);
        await Assert.ThrowsAsync<DomainException>(() => store.Simulation.SimulateAsync(new SimulationRequest(Friday) { OnCall = ["Nobody"] }));
    }

    [Fact]
    public async Task RefusesAChangeToAnUnknownTeam()
    {
        var (store, _, _) = await BusyDayAsync();
        await using var _h = store.Harness;

        var refused = await Assert.ThrowsAsync<RoutingNotFoundException>(() =>
            store.Simulation.SimulateAsync(new SimulationRequest(Friday) { Add = [new RosterChange("Nope", AgentTier.Specialist, 2)] }));
        Assert.Contains("'Nope'", refused.Message);
    }

    [Theory]
    [InlineData("Billing")]
    [InlineData("Billing:Wizard:2")]
    [InlineData("Billing:Specialist:0")]
    [InlineData("Billing:Specialist:two")]
    [InlineData(":Specialist:2")]
    public void RefusesAMalformedChange(string text)
    {
        Assert.Throws<DomainException>(() => RosterChange.Parse(text));
    }

    [Fact]
    public void ByDefaultTheAgentsTheRotationsPutOnCallDuringTheDayCountAsOnCall()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        // Daily at 10:00 UTC from Friday 13 March: A, then B, then C.
        var roster = new AgentConsole.Core.Schedules.OnCallRoster([new AgentConsole.Core.Schedules.OnCallRotation(new AgentConsole.Core.Schedules.RotationDefinition(
            "Billing on call", null, Guid.NewGuid(), "UTC", new TimeOnly(10, 0), 1, Friday, [a, b, c], []))]);

        // Saturday: A until the 10:00 hand-over, then B; from Sunday 10:30 to Monday 09:00, C alone.
        Assert.Equal(new HashSet<Guid> { a, b }, StaffingSimulation.OnCallDuring(roster, At(14, 0), At(15, 0)));
        Assert.Equal(new HashSet<Guid> { c }, StaffingSimulation.OnCallDuring(roster, At(15, 10, 30), At(16, 9)));
        Assert.Empty(StaffingSimulation.OnCallDuring(AgentConsole.Core.Schedules.OnCallRoster.Empty, At(14, 0), At(15, 0)));
    }
}
