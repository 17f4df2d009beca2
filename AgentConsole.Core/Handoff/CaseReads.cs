using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Handoff;

/// <summary>Who holds a case and whether the reader may see it; the resolution note for a recent-case link.</summary>
internal sealed record CaseAccessFacts(long Id, Guid? Holder, Guid? HolderTeam, bool Visible, string? ResolutionNote);

/// <summary>
/// The reads the case view's full query (<see cref="CaseDetailsQuery"/>) and its partial ones
/// (<see cref="CaseUpdatesQuery"/>) share, so that both answer from one rule: access, the case's
/// facts, permissions, transfer choices, notes and flags.
/// </summary>
internal static class CaseReads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Who holds each case and whether the actor may see it, from the holder and team alone: one rule for the case and its links.</summary>
    public static async Task<IReadOnlyList<CaseAccessFacts>> AccessAsync(AgentConsoleDbContext db, IReadOnlyCollection<long> caseIds, RoutingActor actor,
        CancellationToken cancellationToken)
    {
        if (caseIds.Count == 0) return [];
        var rows = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Status, c.OfferedAgentId, c.AssignedAgentId, c.TeamId, c.ResolutionNote }).ToListAsync(cancellationToken);
        var holders = rows.Select(r => r.Status switch
        {
            CaseStatus.Offered => r.OfferedAgentId,
            // A resolved case keeps whoever held it last.
            CaseStatus.Assigned or CaseStatus.Resolved => r.AssignedAgentId,
            _ => null,
        }).ToList();
        var holderIds = holders.OfType<Guid>().Distinct().ToList();
        var teams = await db.Agents.AsNoTracking().Where(a => holderIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.TeamId, cancellationToken);
        return [.. rows.Select((r, i) =>
        {
            var holder = holders[i];
            Guid? holderTeam = holder is { } h && teams.TryGetValue(h, out var team) ? team : null;
            var queued = r.Status is CaseStatus.Queued or CaseStatus.Escalated;
            return new CaseAccessFacts(r.Id, holder, holderTeam, RoutingPermissions.MaySee(actor, holder, holderTeam, r.TeamId, queued), r.ResolutionNote);
        })];
    }

    /// <summary>The case's status, permissions, routing explanation, bug report and transfer choices for the reader.</summary>
    public static async Task<CaseStatusUpdate> StatusAsync(AgentConsoleDbContext db, Case @case, string conversationExternalId, string channel,
        CaseAccessFacts access, RoutingActor actor, DateTime now, CancellationToken cancellationToken)
    {
        var holderName = access.Holder is { } holder
            ? await db.Agents.AsNoTracking().Where(a => a.Id == holder).Select(a => a.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        var summary = new CaseSummary(@case.Id, conversationExternalId, channel, @case.Status, @case.Priority, @case.Category,
            @case.CategoryConfidence, @case.RequiredSkill, @case.Tier, @case.SentimentScore, @case.SentimentTrend, @case.OpenedAt, @case.QueuedAt,
            @case.AssignedAt, @case.ResolvedAt, @case.ResolutionNote, @case.ResolvedCategory, access.Holder, holderName,
            @case.TeamId, @case.OfferExpiresAt, @case.FirstReplyDueAt, @case.FirstRepliedAt, @case.BounceCount, @case.RoutingSummary);

        var mayWork = RoutingPermissions.MayWork(actor, access.Holder, access.HolderTeam, @case.TeamId);
        var permissions = new CasePermissions(
            MayWork: mayWork,
            MayAct: mayWork && @case.IsOpen && (actor.Role != ConsoleRole.Agent || @case.Status == CaseStatus.Assigned),
            MayReply: @case.Status == CaseStatus.Assigned && actor.AgentId is { } me && me == @case.AssignedAgentId,
            OfferedToMe: @case.Status == CaseStatus.Offered && RoutingPermissions.MayAnswerOffer(actor, @case.OfferedAgentId));

        List<TeamOption> teams = [];
        List<AgentOption> agents = [];
        if (permissions.MayAct)
        {
            teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamOption(t.Id, t.Name)).ToListAsync(cancellationToken);
            var teamNames = teams.ToDictionary(t => t.Id, t => t.Name);
            agents = [.. (await db.Agents.AsNoTracking().Where(a => a.Id != access.Holder).OrderBy(a => a.DisplayName).ToListAsync(cancellationToken))
                .Select(a => new AgentOption(a.Id, a.DisplayName, a.TeamId, teamNames.GetValueOrDefault(a.TeamId) ?? "", a.Tier, a.Presence))];
        }
        return new CaseStatusUpdate(summary, permissions, ParseExplanation(@case.RoutingExplanation), ParseBugReport(@case.BugReport), teams, agents, now);
    }

    /// <summary>The case's internal notes and feedback flags, oldest first, with their authors' names.</summary>
    public static async Task<CaseNotesAndFlags> NotesAndFlagsAsync(AgentConsoleDbContext db, long caseId, RoutingActor actor, CancellationToken cancellationToken)
    {
        var notes = await db.CaseEvents.AsNoTracking()
            .Where(e => e.CaseId == caseId && e.Type == CaseEventType.Noted)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var flags = await db.FeedbackFlags.AsNoTracking().Where(f => f.CaseId == caseId)
            .OrderBy(f => f.At).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        var agentIds = notes.Select(e => e.ActorId).Concat(flags.Select(f => f.ActorId))
            .Select(actorId => Guid.TryParse(actorId, out var id) ? id : (Guid?)null).OfType<Guid>().Distinct().ToList();
        var names = agentIds.Count == 0
            ? []
            : await db.Agents.AsNoTracking().Where(a => agentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, cancellationToken);
        string NameOf(string? actorId) => actorId is null ? "System" : Guid.TryParse(actorId, out var id) && names.TryGetValue(id, out var name) ? name : actorId;

        return new CaseNotesAndFlags(
            [.. notes.Select(e => new CaseNoteEntry(e.At, NameOf(e.ActorId), e.Comment ?? ""))],
            [.. flags.Select(f => new CaseFlagEntry(f.At, f.Flag, f.Comment, NameOf(f.ActorId), f.ActorId == actor.Id))]);
    }

    private static RoutingExplanation? ParseExplanation(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try { return JsonSerializer.Deserialize<RoutingExplanation>(json, Json); }
        catch (JsonException) { return null; }
    }

    private static BugReport? ParseBugReport(string? json)
    {
        try { return BugReport.FromJson(json); }
        catch (JsonException) { return null; }
    }
}
