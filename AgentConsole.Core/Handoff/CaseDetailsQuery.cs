using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Handoff;

/// <summary>Whether the actor may open a case.</summary>
public enum CaseAccess { Granted, NotFound, Forbidden }

/// <summary>The answer to <see cref="CaseDetailsQuery.GetAsync"/>: the details only when access is granted.</summary>
public sealed record CaseDetailsResult(CaseAccess Access, CaseDetails? Details)
{
    public static readonly CaseDetailsResult NotFound = new(CaseAccess.NotFound, null);
    public static readonly CaseDetailsResult Forbidden = new(CaseAccess.Forbidden, null);
}

/// <summary>The case's own facts: where it is, who holds it, and its deadlines.</summary>
public sealed record CaseSummary(
    long Id,
    string ConversationExternalId,
    string Channel,
    CaseStatus Status,
    CasePriority Priority,
    IssueCategory Category,
    double CategoryConfidence,
    Skill RequiredSkill,
    AgentTier Tier,
    double SentimentScore,
    SentimentTrend SentimentTrend,
    DateTime OpenedAt,
    DateTime? QueuedAt,
    DateTime? AssignedAt,
    DateTime? ResolvedAt,
    string? ResolutionNote,
    IssueCategory? ResolvedCategory,
    Guid? HolderId,
    string? HolderName,
    Guid? TeamId,
    DateTime? OfferExpiresAt,
    DateTime? FirstReplyDueAt,
    DateTime? FirstRepliedAt,
    int BounceCount,
    string? RoutingSummary)
{
    public bool IsOpen => Status != CaseStatus.Resolved;
}

/// <summary>What kind of line the transcript shows.</summary>
public enum TranscriptEntryKind { Message, Attempt }

/// <summary>
/// One line of the case's transcript, in order: a message, or something the bot or the customer
/// tried, inline where it happened. <see cref="TriggeredBy"/> lists the reasons the message fired.
/// </summary>
public sealed record TranscriptEntry(
    TranscriptEntryKind Kind,
    DateTime At,
    long? MessageId,
    MessageAuthor? Author,
    string Text,
    double? BotConfidence,
    AttemptSource? AttemptSource,
    AttemptOutcome? Outcome,
    IReadOnlyList<EscalationReason> TriggeredBy)
{
    public bool IsTrigger => TriggeredBy.Count > 0;
}

/// <summary>An internal note on the case.</summary>
public sealed record CaseNoteEntry(DateTime At, string AuthorName, string Text);

/// <summary>A feedback flag on the case; <see cref="Mine"/> when the reader raised it.</summary>
public sealed record CaseFlagEntry(DateTime At, CaseFlag Flag, string? Comment, string AuthorName, bool Mine);

/// <summary>
/// One of the customer's other recent cases, as the reader may see it: a link when they may open
/// it, and how it ended (its resolution note) either way, so the agent need not ask the customer.
/// </summary>
public sealed record RecentCaseEntry(long Id, IssueCategory Category, CaseStatus Status, DateTime OpenedAt, DateTime? ResolvedAt, bool MayOpen, string? Outcome);

/// <summary>A team a case may be transferred to.</summary>
public sealed record TeamOption(Guid Id, string Name);

/// <summary>An agent a case may be transferred to, with their stored presence.</summary>
public sealed record AgentOption(Guid Id, string Name, Guid TeamId, string TeamName, AgentTier Tier, Presence Presence);

/// <summary>What the reader may do with the case, by <see cref="RoutingPermissions"/> and the engine's rules.</summary>
/// <param name="MayWork">May add notes and flags (the holder, the team's lead, a supervisor).</param>
/// <param name="MayAct">May resolve, transfer and escalate now: works it, it is open, and an agent has accepted it.</param>
/// <param name="MayReply">Is the agent the case is assigned to.</param>
/// <param name="OfferedToMe">The case is offered to the reader, who may accept or decline it.</param>
public sealed record CasePermissions(bool MayWork, bool MayAct, bool MayReply, bool OfferedToMe);

/// <summary>
/// Everything the case view shows, in one read: the case, the briefing (already rendered to safe
/// HTML), the suggested first message, the transcript with attempts inline and trigger messages
/// marked, the customer with their recent cases, the pages they viewed, why it escalated, why it
/// was routed where it was, any bug report, the notes and flags, and (for a reader who may act on
/// the case) the teams and agents it may be transferred to.
/// </summary>
public sealed record CaseDetails(
    CaseSummary Case,
    string BriefingHtml,
    string? SuggestedFirstMessage,
    IReadOnlyList<TranscriptEntry> Transcript,
    Customer? Customer,
    IReadOnlyList<RecentCaseEntry> RecentCases,
    PageView? Page,
    IReadOnlyList<PageView> PageHistory,
    IReadOnlyList<EscalationReason> Reasons,
    RoutingExplanation? Routing,
    BugReport? BugReport,
    IReadOnlyList<CaseNoteEntry> Notes,
    IReadOnlyList<CaseFlagEntry> Flags,
    CasePermissions Permissions,
    IReadOnlyList<TeamOption> Teams,
    IReadOnlyList<AgentOption> Agents,
    DateTime At);

/// <summary>
/// The read model of the case view. It checks access first, from the case's holder and team alone,
/// with <see cref="RoutingPermissions.MaySee"/>: an agent opens the cases they hold (and a resolved
/// case they held last), a team lead their team's, a supervisor every case. Only then does it read
/// the rest, reusing <see cref="ContextPackageReader"/> for the transcript, attempts, pages and recent cases.
/// </summary>
public sealed class CaseDetailsQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The case as <paramref name="actor"/> may see it, or why not.</summary>
    public async Task<CaseDetailsResult> GetAsync(long caseId, RoutingActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        if ((await AccessAsync(db, [caseId], actor, cancellationToken)).SingleOrDefault() is not { } access) return CaseDetailsResult.NotFound;
        if (!access.Visible) return CaseDetailsResult.Forbidden;
        var (holder, holderTeam) = (access.Holder, access.HolderTeam);

        var @case = await db.Cases.AsNoTracking().Include(c => c.Conversation).ThenInclude(c => c!.Customer)
            .SingleAsync(c => c.Id == caseId, cancellationToken);
        var conversation = @case.Conversation!;
        var decision = EscalationDecision.Escalated(@case.Reasons, @case.Category, @case.CategoryConfidence, @case.Priority, @case.RequiredSkill,
            @case.Tier, @case.SentimentScore, @case.SentimentTrend);
        var context = await ContextPackageReader.ReadAsync(db, conversation, decision, now, cancellationToken);

        var notes = await db.CaseEvents.AsNoTracking()
            .Where(e => e.CaseId == caseId && e.Type == CaseEventType.Noted)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var flags = await db.FeedbackFlags.AsNoTracking().Where(f => f.CaseId == caseId)
            .OrderBy(f => f.At).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        var agentIds = notes.Select(e => e.ActorId).Concat(flags.Select(f => f.ActorId))
            .Select(actorId => Guid.TryParse(actorId, out var id) ? id : (Guid?)null).OfType<Guid>().Append(holder ?? Guid.Empty).Distinct().ToList();
        var names = await db.Agents.AsNoTracking().Where(a => agentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, cancellationToken);
        string NameOf(string? actorId) => actorId is null ? "System" : Guid.TryParse(actorId, out var id) && names.TryGetValue(id, out var name) ? name : actorId;

        var summary = new CaseSummary(@case.Id, conversation.ExternalId, conversation.Channel, @case.Status, @case.Priority, @case.Category,
            @case.CategoryConfidence, @case.RequiredSkill, @case.Tier, @case.SentimentScore, @case.SentimentTrend, @case.OpenedAt, @case.QueuedAt,
            @case.AssignedAt, @case.ResolvedAt, @case.ResolutionNote, @case.ResolvedCategory, holder, holder is { } held ? names.GetValueOrDefault(held) : null,
            @case.TeamId, @case.OfferExpiresAt, @case.FirstReplyDueAt, @case.FirstRepliedAt, @case.BounceCount, @case.RoutingSummary);

        var mayWork = RoutingPermissions.MayWork(actor, holder, holderTeam, @case.TeamId);
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
            agents = [.. (await db.Agents.AsNoTracking().Where(a => a.Id != holder).OrderBy(a => a.DisplayName).ToListAsync(cancellationToken))
                .Select(a => new AgentOption(a.Id, a.DisplayName, a.TeamId, teamNames.GetValueOrDefault(a.TeamId) ?? "", a.Tier, a.Presence))];
        }

        var recentAccess = (await AccessAsync(db, [.. context.RecentCases.Select(r => r.Id)], actor, cancellationToken)).ToDictionary(a => a.Id);
        List<RecentCaseEntry> recent = [.. context.RecentCases.Select(r => recentAccess.GetValueOrDefault(r.Id) is { } a
            ? new RecentCaseEntry(r.Id, r.Category, r.Status, r.OpenedAt, r.ResolvedAt, a.Visible, a.ResolutionNote)
            : new RecentCaseEntry(r.Id, r.Category, r.Status, r.OpenedAt, r.ResolvedAt, false, null))];

        // The greeting is for the first reply; once the agent has written, the box starts empty.
        var greeting = @case.FirstRepliedAt is null && @case.IsOpen ? BriefingWriter.SuggestedFirstMessage(context) : null;

        return new CaseDetailsResult(CaseAccess.Granted, new CaseDetails(
            summary,
            SafeMarkdown.ToHtml(@case.BriefingMarkdown),
            greeting,
            Transcript(context, @case.Reasons),
            context.Customer,
            recent,
            context.Page,
            context.PageHistory,
            @case.Reasons,
            ParseExplanation(@case.RoutingExplanation),
            ParseBugReport(@case.BugReport),
            [.. notes.Select(e => new CaseNoteEntry(e.At, NameOf(e.ActorId), e.Comment ?? ""))],
            [.. flags.Select(f => new CaseFlagEntry(f.At, f.Flag, f.Comment, NameOf(f.ActorId), f.ActorId == actor.Id))],
            permissions,
            teams,
            agents,
            now));
    }

    private sealed record CaseAccessFacts(long Id, Guid? Holder, Guid? HolderTeam, bool Visible, string? ResolutionNote);

    // Who holds each case and whether the actor may see it, from the holder and team alone: one rule for the case and its links.
    private static async Task<IReadOnlyList<CaseAccessFacts>> AccessAsync(AgentConsoleDbContext db, IReadOnlyCollection<long> caseIds, RoutingActor actor,
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

    /// <summary>Messages and attempts in one timeline; at the same instant a message comes before the attempt it led to.</summary>
    public static IReadOnlyList<TranscriptEntry> Transcript(ContextPackage context, IReadOnlyList<EscalationReason> reasons)
    {
        var byMessage = reasons.Where(r => r.MessageId is not null).GroupBy(r => r.MessageId!.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<EscalationReason>)[.. g]);
        var messages = context.Transcript.Select((m, i) => (Order: i, Entry: new TranscriptEntry(TranscriptEntryKind.Message, m.SentAt, m.Id, m.Author, m.Text,
            m.BotConfidence, null, null, byMessage.GetValueOrDefault(m.Id) ?? [])));
        var attempts = context.Attempts.Select((a, i) => (Order: i, Entry: new TranscriptEntry(TranscriptEntryKind.Attempt, a.At, null, null, a.Description,
            null, a.Source, a.Outcome, [])));
        return [.. messages.Concat(attempts).OrderBy(x => x.Entry.At).ThenBy(x => x.Entry.Kind).ThenBy(x => x.Order).Select(x => x.Entry)];
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
