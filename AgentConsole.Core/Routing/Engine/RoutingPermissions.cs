namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// Who may do what to a case, in one place for the hub, the UI and the API.
/// <list type="bullet">
/// <item>Only the offered agent accepts or declines an offer.</item>
/// <item>An agent acts on the cases they hold; a team lead on their team's cases and on unrestricted
/// queued cases, moving them only to their own team's agents; a supervisor on every case.</item>
/// <item>An agent sets their own presence; a lead their team's agents'; a supervisor anyone's.</item>
/// </list>
/// </summary>
public static class RoutingPermissions
{
    /// <summary>Whether the actor may accept or decline the offer made to <paramref name="offeredTo"/>.</summary>
    public static bool MayAnswerOffer(RoutingActor actor, Guid? offeredTo) => actor.AgentId is { } me && me == offeredTo;

    /// <summary>Whether the actor may set the presence of <paramref name="agentId"/> in <paramref name="agentTeam"/>.</summary>
    public static bool MaySetPresence(RoutingActor actor, Guid agentId, Guid agentTeam) =>
        actor.IsSystem || actor.IsSupervisor || actor.AgentId == agentId || (actor.Role == ConsoleRole.TeamLead && actor.TeamId == agentTeam);

    /// <summary>
    /// Whether the actor may work the case (reply, resolve, transfer, escalate): its holder, the
    /// lead of the holder's (or the case's) team, or a supervisor.
    /// </summary>
    public static bool MayWork(RoutingActor actor, Guid? holderId, Guid? holderTeam, Guid? caseTeam) =>
        actor.IsSystem || actor.IsSupervisor
        || (actor.AgentId is { } me && me == holderId)
        || (actor.Role == ConsoleRole.TeamLead && actor.TeamId is { } team && (team == holderTeam || team == caseTeam));

    /// <summary>
    /// Whether the actor may reassign the case to <paramref name="targetTeam"/> (null: back to the
    /// queue): a supervisor anywhere; a team lead for cases held by their team, restricted to it,
    /// or waiting unrestricted in the queue, and only to their own team's agents.
    /// </summary>
    public static bool MayReassign(RoutingActor actor, Guid? holderTeam, Guid? caseTeam, bool queued, Guid? targetTeam)
    {
        if (actor.IsSystem || actor.IsSupervisor) return true;
        if (actor.Role != ConsoleRole.TeamLead || actor.TeamId is not { } team) return false;
        var ours = holderTeam == team || caseTeam == team || (queued && caseTeam is null);
        return ours && (targetTeam is null || targetTeam == team);
    }

    /// <summary>
    /// Whether the actor may see the case: whoever may work it, and a team lead also the queued
    /// cases their team could take (unrestricted, or restricted to their team).
    /// </summary>
    public static bool MaySee(RoutingActor actor, Guid? holderId, Guid? holderTeam, Guid? caseTeam, bool queued) =>
        MayWork(actor, holderId, holderTeam, caseTeam)
        || (actor.Role == ConsoleRole.TeamLead && queued && (caseTeam is null || caseTeam == actor.TeamId));

    /// <summary>Whether the actor may assign above capacity: leads and supervisors only, and only explicitly.</summary>
    public static bool MayOverrideCapacity(RoutingActor actor) => actor.IsSystem || actor.IsSupervisor || actor.Role == ConsoleRole.TeamLead;
}
