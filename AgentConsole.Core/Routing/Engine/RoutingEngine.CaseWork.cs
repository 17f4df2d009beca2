using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// The agent's work on a case that does not move it: internal notes, feedback flags, and resolving
/// with the category confirmed or corrected. Notes and flags change no routing state, but they go
/// through the command loop like everything else, so they are authorized by
/// <see cref="RoutingPermissions.MayWork"/> against the engine's view of the case and stored in the
/// same kind of unit of work. They publish a <see cref="CaseActivity"/> so that whoever has the case
/// open sees them.
/// </summary>
public sealed partial class RoutingEngine
{
    /// <summary>Adds an internal note (never shown to the customer) to an open or resolved case.</summary>
    public Task AddNoteAsync(long caseId, string text, RoutingActor actor) => Send(new NoteCommand(caseId, text, actor));

    /// <summary>
    /// Flags how the case reached the agent (misrouted, unnecessary escalation, had to ask the
    /// customer to repeat), with an optional comment. Each actor flags a case once per flag.
    /// </summary>
    public Task FlagAsync(long caseId, CaseFlag flag, string? comment, RoutingActor actor) => Send(new FlagCommand(caseId, flag, comment, actor));

    /// <summary>Resolves a case with a note, keeping the category the agent confirmed or corrected.</summary>
    public Task ResolveAsync(long caseId, string note, IssueCategory category, RoutingActor actor) =>
        Send(new ResolveCategorizedCommand(caseId, note, category, actor));

    private sealed class NoteCommand(long caseId, string text, RoutingActor actor) : Command<bool>
    {
        protected override Task<bool> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnNoteAsync(work, caseId, text, actor);
    }

    private sealed class FlagCommand(long caseId, CaseFlag flag, string? comment, RoutingActor actor) : Command<bool>
    {
        protected override Task<bool> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnFlagAsync(work, caseId, flag, comment, actor);
    }

    private sealed class ResolveCategorizedCommand(long caseId, string note, IssueCategory category, RoutingActor actor) : Command<bool>
    {
        protected override Task<bool> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnResolveCategorizedAsync(work, caseId, note, category, actor);
    }

    private async Task<bool> OnNoteAsync(RoutingWork w, long caseId, string text, RoutingActor actor)
    {
        var entity = await WorkableCaseAsync(w, caseId, actor);
        entity.AddNote(text, w.Now, actor.Kind, actor.Id);
        w.Events.Add(Activity(w.Now, entity, CaseActivityKind.Note));
        return true;
    }

    private async Task<bool> OnFlagAsync(RoutingWork w, long caseId, CaseFlag flag, string? comment, RoutingActor actor)
    {
        var entity = await WorkableCaseAsync(w, caseId, actor);
        var prefix = CaseFlagDetail.Prefix(flag);
        var actorId = actor.Id;
        if (await w.Db.CaseEvents.AnyAsync(e => e.CaseId == caseId && e.Type == CaseEventType.Flagged && e.ActorId == actorId && e.Detail!.StartsWith(prefix)))
            throw new DomainException("You already flagged this case that way.");
        entity.Flag(flag, comment, w.Now, actor.Kind, actorId);
        w.Events.Add(Activity(w.Now, entity, CaseActivityKind.Flag));
        return true;
    }

    private async Task<bool> OnResolveCategorizedAsync(RoutingWork w, long caseId, string note, IssueCategory category, RoutingActor actor)
    {
        if (!Enum.IsDefined(category)) throw new DomainException($"Unknown category {category}.");
        // The same resolve as without a category; the category joins it in the same unit of work.
        await OnResolveAsync(w, caseId, note, actor);
        (await w.CaseAsync(caseId)).ConfirmResolvedCategory(category);
        return true;
    }

    // Activity on a case goes to its holder and team: as routing holds an open case, or to whoever held a resolved one last.
    private CaseActivity Activity(DateTime at, Case entity, CaseActivityKind kind) =>
        _state.Cases.TryGetValue(entity.Id, out var open)
            ? Activity(at, open, kind)
            : new CaseActivity(at, entity.Id, kind, entity.AssignedAgentId, TeamOf(entity.AssignedAgentId) ?? entity.TeamId);

    private CaseActivity Activity(DateTime at, OpenCase open, CaseActivityKind kind) =>
        new(at, open.Id, kind, open.Holder, TeamOf(open.Holder) ?? open.Route.TeamId);

    // The case, if the actor may work it: an open case as routing holds it, a resolved one by who held it last.
    private async Task<Case> WorkableCaseAsync(RoutingWork w, long caseId, RoutingActor actor)
    {
        var entity = await w.CaseAsync(caseId);
        var (holder, caseTeam) = _state.Cases.TryGetValue(caseId, out var open)
            ? (open.Holder, open.Route.TeamId)
            : (entity.AssignedAgentId, entity.TeamId);
        if (!RoutingPermissions.MayWork(actor, holder, TeamOf(holder), caseTeam))
            throw new RoutingForbiddenException("You may act only on cases you hold, or on your own team's cases as its lead.");
        return entity;
    }
}
