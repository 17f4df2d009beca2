using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Handoff;

/// <summary>
/// The read model of the case view. It checks access first, from the case's holder and team alone,
/// with <see cref="RoutingPermissions.MaySee"/>: an agent opens the cases they hold (and a resolved
/// case they held last), a team lead their team's, a supervisor every case. Only then does it read
/// the rest, reusing <see cref="ContextPackageReader"/> for the transcript, attempts, pages and recent cases.
/// A page that has the case open follows it with the cheaper reads of <see cref="CaseUpdatesQuery"/>.
/// </summary>
public class CaseDetailsQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The case as <paramref name="actor"/> may see it, or why not.</summary>
    public virtual async Task<CaseDetailsResult> GetAsync(long caseId, RoutingActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        if ((await CaseReads.AccessAsync(db, [caseId], actor, cancellationToken)).SingleOrDefault() is not { } access) return CaseDetailsResult.NotFound;
        if (!access.Visible) return CaseDetailsResult.Forbidden;

        var @case = await db.Cases.AsNoTracking().Include(c => c.Conversation).ThenInclude(c => c!.Customer)
            .SingleAsync(c => c.Id == caseId, cancellationToken);
        var conversation = @case.Conversation!;
        var decision = EscalationDecision.Escalated(@case.Reasons, @case.Category, @case.CategoryConfidence, @case.Priority, @case.RequiredSkill,
            @case.Tier, @case.SentimentScore, @case.SentimentTrend);
        var context = await ContextPackageReader.ReadAsync(db, conversation, decision, now, cancellationToken);
        var status = await CaseReads.StatusAsync(db, @case, conversation.ExternalId, conversation.Channel, access, actor, now, cancellationToken);
        var notes = await CaseReads.NotesAndFlagsAsync(db, caseId, actor, cancellationToken);

        var recentAccess = (await CaseReads.AccessAsync(db, [.. context.RecentCases.Select(r => r.Id)], actor, cancellationToken)).ToDictionary(a => a.Id);
        List<RecentCaseEntry> recent = [.. context.RecentCases.Select(r => recentAccess.GetValueOrDefault(r.Id) is { } a
            ? new RecentCaseEntry(r.Id, r.Category, r.Status, r.OpenedAt, r.ResolvedAt, a.Visible, a.ResolutionNote)
            : new RecentCaseEntry(r.Id, r.Category, r.Status, r.OpenedAt, r.ResolvedAt, false, null))];

        // The greeting is for the first reply; once the agent has written, the box starts empty.
        var greeting = @case.FirstRepliedAt is null && @case.IsOpen ? BriefingWriter.SuggestedFirstMessage(context) : null;

        return new CaseDetailsResult(CaseAccess.Granted, new CaseDetails(
            status.Case,
            BriefingSections.Split(@case.BriefingMarkdown),
            greeting,
            CaseTranscript.From(context, @case.Reasons),
            context.Customer,
            recent,
            context.Page,
            context.PageHistory,
            @case.Reasons,
            status.Routing,
            status.BugReport,
            notes.Notes,
            notes.Flags,
            status.Permissions,
            status.Teams,
            status.Agents,
            now,
            context.Transcript.Count > 0 ? context.Transcript.Max(m => m.Id) : 0));
    }
}
