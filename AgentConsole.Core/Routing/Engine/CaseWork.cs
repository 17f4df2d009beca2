using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// The agent's work on a case that does not move it: replies to the customer (the first one
/// stops the reply deadline), internal notes and feedback flags. Notes and flags change no routing
/// state, but they go through the command loop like everything else, so they are authorized by
/// <see cref="RoutingPermissions.MayWork"/> against the engine's view of the case. Each publishes a
/// <see cref="CaseActivity"/> so that whoever has the case open sees it.
/// </summary>
internal sealed class CaseWork(Placement placement)
{
    public async Task<long> ReplyAsync(RoutingWork w, long caseId, string text, RoutingActor actor)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("A reply needs text.");
        if (text.Length > FieldLimits.WrittenText) throw new DomainException($"A reply may be at most {FieldLimits.WrittenText} characters.");
        var open = w.State.OpenCaseOf(caseId);
        if (actor.AgentId is not { } agentId || open.Status != CaseStatus.Assigned || open.Holder != agentId)
            throw new RoutingForbiddenException("Only the agent the case is assigned to replies on it.");
        var entity = await w.CaseAsync(caseId);
        var message = entity.Conversation!.AddAgentMessage(agentId, text.Trim(), w.Now);
        MessageWriter.Append(w.Db, message);
        entity.RecordReply(agentId, w.Now);
        placement.Track(w, entity);
        await w.Db.SaveChangesAsync();
        w.Events.Add(Activity(w, caseId, entity, CaseActivityKind.Reply) with { MessageId = message.Id });
        return message.Id;
    }

    /// <summary>Adds an internal note (never shown to the customer) to an open or resolved case.</summary>
    public async Task<bool> NoteAsync(RoutingWork w, long caseId, string text, RoutingActor actor)
    {
        var entity = await WorkableCaseAsync(w, caseId, actor);
        entity.AddNote(text, w.Now, actor.Kind, actor.Id);
        w.Events.Add(Activity(w, caseId, entity, CaseActivityKind.Note));
        return true;
    }

    /// <summary>Flags how the case reached the agent, once per actor and flag.</summary>
    public async Task<bool> FlagAsync(RoutingWork w, long caseId, CaseFlag flag, string? comment, RoutingActor actor)
    {
        var entity = await WorkableCaseAsync(w, caseId, actor);
        var actorId = actor.Id;
        // The store's unique index refuses a second one in any case; asking first gives the actor a reason.
        if (await w.Db.FeedbackFlags.AnyAsync(f => f.CaseId == caseId && f.Flag == flag && f.ActorId == actorId))
            throw new DomainException("You already flagged this case that way.");
        entity.Flag(flag, comment, w.Now, actor.Kind, actorId);
        w.Events.Add(Activity(w, caseId, entity, CaseActivityKind.Flag));
        return true;
    }

    /// <summary>Tells whoever has the case that its conversation changed; stores nothing.</summary>
    public static Task<bool> ConversationUpdatedAsync(RoutingWork w, long caseId)
    {
        // A case that closed meanwhile has no one to tell.
        if (w.State.Cases.ContainsKey(caseId)) w.Events.Add(Activity(w, caseId, entity: null, CaseActivityKind.Conversation));
        return Task.FromResult(true);
    }

    // Activity goes to the case's holder and team: as routing holds an open case, or to whoever held a resolved one last.
    private static CaseActivity Activity(RoutingWork w, long caseId, Case? entity, CaseActivityKind kind) =>
        w.State.Cases.TryGetValue(caseId, out var open)
            ? new CaseActivity(w.Now, caseId, kind, open.Holder, w.State.TeamOf(open.Holder) ?? open.Route.TeamId)
            : new CaseActivity(w.Now, caseId, kind, entity?.AssignedAgentId, w.State.TeamOf(entity?.AssignedAgentId) ?? entity?.TeamId);

    // The case, if the actor may work it: an open case as routing holds it, a resolved one by who held it last.
    private static async Task<Case> WorkableCaseAsync(RoutingWork w, long caseId, RoutingActor actor)
    {
        var entity = await w.CaseAsync(caseId);
        var (holder, caseTeam) = w.State.Cases.TryGetValue(caseId, out var open)
            ? (open.Holder, open.Route.TeamId)
            : (entity.AssignedAgentId, entity.TeamId);
        if (!RoutingPermissions.MayWork(actor, holder, w.State.TeamOf(holder), caseTeam))
            throw new RoutingForbiddenException("You may act only on cases you hold, or on your own team's cases as its lead.");
        return entity;
    }
}
