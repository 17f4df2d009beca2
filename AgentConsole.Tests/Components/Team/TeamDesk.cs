using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Core.Routing.Engine;

namespace AgentConsole.Tests.Components.Team;

/// <summary>
/// Two teams as in the demo: Billing &amp; Accounts led by Marcus (with Priya, who takes one case at
/// a time) and Technical Support led by Lena. Everyone is connected and Available; nobody has the
/// Security skill, so security cases wait in the queue, open to every team.
/// </summary>
internal sealed record TeamDesk(Agent Marcus, Agent Priya, Agent Lena)
{
    public Guid Billing => Marcus.TeamId;
    public Guid Technical => Lena.TeamId;
    public RoutingActor MarcusAsLead => EngineHarness.AsLead(Marcus);
    public RoutingActor LenaAsLead => EngineHarness.AsLead(Lena);

    /// <summary>Arranges the desk in the store; the caller starts the engine, then calls <see cref="ConnectAsync"/>.</summary>
    public static async Task<TeamDesk> ArrangeAsync(EngineHarness h)
    {
        var billing = await h.TeamAsync("Billing & Accounts");
        var technical = await h.TeamAsync("Technical Support");
        var marcus = await h.AgentAsync("Marcus Okafor", billing, AgentTier.Specialist, capacity: 2, skills: (Skill.Billing, 5));
        var priya = await h.AgentAsync("Priya Raman", billing, AgentTier.Frontline, capacity: 1, skills: (Skill.Billing, 3));
        var lena = await h.AgentAsync("Lena Fischer", technical, AgentTier.Specialist, capacity: 3, skills: (Skill.Technical, 5));
        await h.SetLeadAsync(billing, marcus);
        await h.SetLeadAsync(technical, lena);
        return new TeamDesk(marcus, priya, lena);
    }

    public async Task ConnectAsync(EngineHarness h)
    {
        foreach (var agent in new[] { Marcus, Priya, Lena }) await h.Engine.ConnectionOpenedAsync(agent.Id);
    }
}
