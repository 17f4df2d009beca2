using AgentConsole.Auth;
using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace AgentConsole.Hubs;

/// <summary>
/// The live feed for agents, team leads and supervisors at <c>/hubs/agents</c>. An agent joins
/// only their own group, a team lead their team's group (which carries every event about each of
/// its agents, the lead included), and a supervisor the supervisors' group, which receives every
/// event. The methods go through the routing engine with the caller
/// as the actor, so they are authorized exactly as the console's buttons are; a refusal comes
/// back as a <see cref="HubException"/> with the reason.
/// </summary>
[Authorize(Policy = ConsoleAuth.ConsolePolicy)]
public sealed class AgentHub(IRoutingDesk engine) : Hub
{
    public const string Path = "/hubs/agents";
    public const string SupervisorsGroup = "supervisors";
    public const string LeadsGroup = "leads";

    public static string AgentGroup(Guid agentId) => $"agent:{agentId}";
    public static string TeamGroup(Guid teamId) => $"team:{teamId}";

    public override async Task OnConnectedAsync()
    {
        var actor = Actor;
        if (actor.IsSupervisor) await Groups.AddToGroupAsync(Context.ConnectionId, SupervisorsGroup);
        if (actor.Role == ConsoleRole.TeamLead && actor.TeamId is { } team)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, TeamGroup(team));
            await Groups.AddToGroupAsync(Context.ConnectionId, LeadsGroup);
        }
        // Every event about an agent also goes to their team's group, so a lead, who is in that
        // group, does not join their own agent group too: each event reaches them once.
        if (actor.AgentId is { } agent)
        {
            if (actor.Role != ConsoleRole.TeamLead) await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroup(agent));
            await Guard(() => engine.ConnectionOpenedAsync(agent));
        }
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Actor.AgentId is { } agent)
        {
            try { await engine.ConnectionClosedAsync(agent); }
            catch (DomainException) { }
            catch (OperationCanceledException) { }
        }
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Sets the caller's presence: Available, Busy, Away, InMeeting or Offline.</summary>
    public Task SetPresence(string presence)
    {
        if (!Enum.TryParse<Presence>(presence, ignoreCase: true, out var value) || !Enum.IsDefined(value))
            throw new HubException($"Unknown presence '{presence}'. Use Available, Busy, Away, InMeeting or Offline.");
        var agent = Actor.AgentId ?? throw new HubException("Only agents have a presence.");
        return Guard(() => engine.SetPresenceAsync(agent, value, Actor));
    }

    /// <summary>Accepts the offer of <paramref name="caseId"/>; returns the case's card.</summary>
    public Task<CaseCard> AcceptOffer(long caseId) => Guard(() => engine.AcceptOfferAsync(caseId, Actor));

    /// <summary>Declines the offer of <paramref name="caseId"/> with a reason; the case goes to someone else.</summary>
    public Task DeclineOffer(long caseId, string reason) => Guard(() => engine.DeclineOfferAsync(caseId, reason, Actor));

    private RoutingActor Actor => ConsoleAuth.ActorOf(Context.User!);

    private static async Task Guard(Func<Task> action)
    {
        try { await action(); }
        catch (Exception e) when (e is DomainException or RoutingForbiddenException) { throw new HubException(e.Message); }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try { return await action(); }
        catch (Exception e) when (e is DomainException or RoutingForbiddenException) { throw new HubException(e.Message); }
    }
}
