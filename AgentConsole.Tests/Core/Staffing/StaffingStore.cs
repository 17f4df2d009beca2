using AgentConsole.Core.Cases;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Staffing;
using AgentConsole.Core.Staffing.Simulation;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Metrics;
using AgentConsole.Tests.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Microsoft.Extensions.Options;

namespace AgentConsole.Tests.Core.Staffing;

/// <summary>
/// A store for the staffing tests: the engine harness's (today is Saturday 14 March 2026, UTC desk),
/// past cases written as the desk would have left them, and the staffing services over it.
/// </summary>
internal sealed class StaffingStore(EngineHarness h, StaffingOptions options)
{
    private readonly DeskHistory _desk = new(h);

    /// <summary>A supervisor, who may change any team's roster.</summary>
    public static readonly RoutingActor Supervisor = RoutingActor.ForSupervisor("sofia");

    public EngineHarness Harness => h;

    public static async Task<StaffingStore> CreateAsync(StaffingOptions? options = null) =>
        new(await EngineHarness.CreateAsync(), options ?? new StaffingOptions());

    public Rosters Rosters => new(h.DbFactory, h.Clock);

    public StaffingForecast Forecast => new(h.DbFactory, Rosters, Options.Create(options), Options.Create(new MetricsOptions()), h.Clock);

    public StaffingSimulation Simulation => new(h.DbFactory, Rosters, Forecast, Options.Create(h.Options), Options.Create(new MetricsOptions()));

    /// <summary>A case that arrived at <paramref name="openedAt"/>, accepted by <paramref name="agent"/> at once and resolved after <paramref name="handle"/> (never, when null).</summary>
    public async Task<long> CaseAsync(Agent agent, DateTime openedAt, TimeSpan? handle, IssueCategory category = IssueCategory.Billing, Skill skill = Skill.Billing)
    {
        var conversation = await _desk.ConversationAsync(openedAt);
        return await _desk.CaseAsync(conversation, openedAt, category, skill, (c, a) =>
        {
            c.Queue(openedAt);
            c.Offer(agent.Id, openedAt, openedAt.AddSeconds(30));
            c.Accept(a(agent), openedAt, null);
            if (handle is { } time) c.Resolve("done", openedAt + time, ActorKind.Agent, agent.Id.ToString());
        });
    }

    /// <summary>A roster with <paramref name="agents"/> scheduled in the given hours of the week, saved and published by a supervisor.</summary>
    public async Task PublishAsync(Team team, int agents, params int[] hoursOfWeek)
    {
        var roster = new int[WeekHours.Count];
        foreach (var hour in hoursOfWeek) roster[hour] = agents;
        await Rosters.SaveDraftAsync(team.Id, roster, Supervisor, TestActors.Admin);
        await Rosters.PublishAsync(team.Id, Supervisor, TestActors.Admin);
    }

    public static DateTime At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);
}
