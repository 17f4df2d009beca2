using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Handoff;

/// <summary>
/// The case view's partial reads, for a page that already shows the case (<see cref="CaseDetailsQuery"/>)
/// and follows what changes: each reads only the part an event changed, after the same access check
/// as the full read, so a reader who has lost the case learns it from any of them.
/// </summary>
public class CaseUpdatesQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The case's status, permissions, routing and transfer choices, after routing moved it.</summary>
    public virtual async Task<CaseUpdate<CaseStatusUpdate>> StatusAsync(long caseId, RoutingActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await AccessAsync(db, caseId, actor, cancellationToken) is not { } access) return Denied<CaseStatusUpdate>(access: null);
        if (!access.Visible) return Denied<CaseStatusUpdate>(access);
        var row = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new { Case = c, c.Conversation!.ExternalId, c.Conversation.Channel }).SingleAsync(cancellationToken);
        var status = await CaseReads.StatusAsync(db, row.Case, row.ExternalId, row.Channel, access, actor, time.GetUtcNow().UtcDateTime, cancellationToken);
        return new CaseUpdate<CaseStatusUpdate>(CaseAccess.Granted, status);
    }

    /// <summary>
    /// The messages of the case's conversation after <paramref name="afterMessageId"/>, with what was
    /// tried, the pages viewed and the customer as stored now.
    /// </summary>
    public virtual async Task<CaseUpdate<ConversationUpdate>> ConversationSinceAsync(long caseId, long afterMessageId, RoutingActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await AccessAsync(db, caseId, actor, cancellationToken) is not { } access) return Denied<ConversationUpdate>(access: null);
        if (!access.Visible) return Denied<ConversationUpdate>(access);
        var @case = await db.Cases.AsNoTracking().Include(c => c.Conversation).ThenInclude(c => c!.Customer).SingleAsync(c => c.Id == caseId, cancellationToken);
        var lines = await ContextPackageReader.TranscriptAsync(db, @case.ConversationId, afterMessageId, cancellationToken);
        var attempts = await ContextPackageReader.AttemptsAsync(db, @case.ConversationId, cancellationToken);
        var pages = await ContextPackageReader.PagesAsync(db, @case.ConversationId, cancellationToken);
        return new CaseUpdate<ConversationUpdate>(CaseAccess.Granted, new ConversationUpdate(
            [.. CaseTranscript.Messages(lines, @case.Reasons)],
            [.. CaseTranscript.Attempts(attempts)],
            pages,
            @case.Conversation!.Customer,
            lines.Count > 0 ? lines.Max(m => m.Id) : afterMessageId));
    }

    /// <summary>The case's internal notes and feedback flags.</summary>
    public virtual async Task<CaseUpdate<CaseNotesAndFlags>> NotesAndFlagsAsync(long caseId, RoutingActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await AccessAsync(db, caseId, actor, cancellationToken) is not { } access) return Denied<CaseNotesAndFlags>(access: null);
        if (!access.Visible) return Denied<CaseNotesAndFlags>(access);
        return new CaseUpdate<CaseNotesAndFlags>(CaseAccess.Granted, await CaseReads.NotesAndFlagsAsync(db, caseId, actor, cancellationToken));
    }

    private static async Task<CaseAccessFacts?> AccessAsync(AgentConsoleDbContext db, long caseId, RoutingActor actor, CancellationToken cancellationToken) =>
        (await CaseReads.AccessAsync(db, [caseId], actor, cancellationToken)).SingleOrDefault();

    private static CaseUpdate<T> Denied<T>(CaseAccessFacts? access) where T : class => access is null ? CaseUpdate<T>.NotFound : CaseUpdate<T>.Forbidden;
}
