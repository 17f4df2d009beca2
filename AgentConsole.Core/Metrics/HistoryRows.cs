using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics;

/// <summary>A conversation as the history figures need it.</summary>
/// <param name="CreatedAt">When it started (UTC).</param>
/// <param name="Escalated">Whether it has a case (of the filter's team and skill, when it names them).</param>
/// <param name="Rated">Whether the customer rated it.</param>
internal readonly record struct ConversationRow(DateTime CreatedAt, bool Escalated, bool Rated);

/// <summary>A case as the history figures need it, every time UTC.</summary>
/// <param name="OpenedAt">When it was escalated.</param>
/// <param name="FirstCustomerMessageAt">The customer's first message of the episode that escalated: after any earlier case of the conversation was resolved.</param>
/// <param name="BotFirst">Whether the bot wrote in that episode before the case opened; if not, the case started with a human.</param>
/// <param name="QueuedAt">When it first queued.</param>
/// <param name="FirstAssignedAt">When an agent first had it: accepted, auto-assigned or reassigned to them by a lead.</param>
/// <param name="ResolvedAt">When it was resolved.</param>
/// <param name="Declines">Offers of it declined.</param>
/// <param name="TimeOuts">Offers of it that timed out.</param>
/// <param name="Reclaims">Times it was taken back for a missed first reply.</param>
/// <param name="Transfers">Times it was transferred.</param>
/// <param name="Reassignments">Times a lead reassigned it or sent it back to the queue.</param>
/// <param name="Misrouted">Whether an agent flagged it as misrouted.</param>
/// <param name="FlaggedRepeat">Whether an agent flagged that the customer had to repeat something.</param>
/// <param name="DetectedRepeat">Whether the customer complained of repeating themselves after the handoff (a <see cref="RepeatMention"/>).</param>
internal readonly record struct CaseRow(DateTime OpenedAt, DateTime? FirstCustomerMessageAt, bool BotFirst, DateTime? QueuedAt,
    DateTime? FirstAssignedAt, DateTime? ResolvedAt, int Declines, int TimeOuts, int Reclaims, int Transfers, int Reassignments, bool Misrouted,
    bool FlaggedRepeat, bool DetectedRepeat);

/// <summary>A CSAT rating as the history figures need it.</summary>
/// <param name="ConversationCreatedAt">When its conversation started (UTC).</param>
/// <param name="Score">The score, 1 to 5.</param>
/// <param name="Escalated">Whether it rates a case rather than the bot alone.</param>
/// <param name="Category">The rated case's category, or the bot's leading guess.</param>
internal readonly record struct RatingRow(DateTime ConversationCreatedAt, int Score, bool Escalated, IssueCategory Category);

/// <summary>
/// The store queries behind the history figures: each selects its rows by the filter's range,
/// category, tier, channel, team and skill in SQL and projects only the columns the figures use.
/// The local hour of day depends on each day's UTC offset, so it is applied to the projected rows.
/// </summary>
internal static class HistoryRows
{
    /// <summary>The conversations that started in the range.</summary>
    public static async Task<List<ConversationRow>> ConversationsAsync(AgentConsoleDbContext db, MetricsFilter filter, CancellationToken cancellationToken)
    {
        var cases = CasesOfTeamAndSkill(db, filter);
        var query = FilteredConversations.Of(db, filter).Select(c => new
        {
            c.CreatedAt,
            // The latest case's category, else the bot's leading guess.
            Category = db.Cases.Where(k => k.ConversationId == c.Id).OrderByDescending(k => k.Id).Select(k => (IssueCategory?)(k.ResolvedCategory ?? k.Category)).FirstOrDefault()
                ?? db.TriggerStates.Where(s => s.ConversationId == c.Id).Select(s => (IssueCategory?)s.Category).FirstOrDefault()
                ?? IssueCategory.Other,
            Escalated = cases.Any(k => k.ConversationId == c.Id),
            Rated = db.ChatRatings.Any(r => r.ConversationId == c.Id),
        });
        if (filter.Category is { } category) query = query.Where(c => c.Category == category);
        var rows = await query.Select(c => new { c.CreatedAt, c.Escalated, c.Rated }).ToListAsync(cancellationToken);
        return [.. rows.Where(r => filter.InHour(r.CreatedAt)).Select(r => new ConversationRow(r.CreatedAt, r.Escalated, r.Rated))];
    }

    /// <summary>The cases opened in the range.</summary>
    public static async Task<List<CaseRow>> CasesAsync(AgentConsoleDbContext db, MetricsFilter filter, CancellationToken cancellationToken)
    {
        var (start, end) = (filter.UtcStart, filter.UtcEnd);
        var query = CasesOfTeamAndSkill(db, filter).Where(k => k.OpenedAt >= start && k.OpenedAt < end);
        if (filter.Channel is { } channel) query = query.Where(k => k.Conversation!.Channel == channel);
        if (filter.Tier is { } tier) query = query.Where(k => k.Conversation!.Customer!.Tier == tier);
        if (filter.Category is { } category) query = query.Where(k => (k.ResolvedCategory ?? k.Category) == category);
        var rows = await query.Select(k => new CaseRow(
                k.OpenedAt,
                // The episode that escalated began after the conversation's previous case, if any, was resolved.
                db.Messages.Where(m => m.ConversationId == k.ConversationId && m.Author == MessageAuthor.Customer && m.SentAt <= k.OpenedAt
                        && !db.Cases.Any(p => p.ConversationId == k.ConversationId && p.Id < k.Id && p.ResolvedAt >= m.SentAt))
                    .Min(m => (DateTime?)m.SentAt),
                db.Messages.Any(m => m.ConversationId == k.ConversationId && m.Author == MessageAuthor.Bot && m.SentAt <= k.OpenedAt
                    && !db.Cases.Any(p => p.ConversationId == k.ConversationId && p.Id < k.Id && p.ResolvedAt >= m.SentAt)),
                k.QueuedAt,
                db.CaseEvents.Where(e => e.CaseId == k.Id && (e.Type == CaseEventType.Accepted
                        || e.Type == CaseEventType.Reassigned && e.Reason == CaseEventReason.Reassigned))
                    .Min(e => (DateTime?)e.At),
                k.ResolvedAt,
                db.CaseEvents.Count(e => e.CaseId == k.Id && e.Type == CaseEventType.Declined),
                db.CaseEvents.Count(e => e.CaseId == k.Id && e.Type == CaseEventType.TimedOut),
                db.CaseEvents.Count(e => e.CaseId == k.Id && e.Type == CaseEventType.Reclaimed),
                db.CaseEvents.Count(e => e.CaseId == k.Id && e.Type == CaseEventType.Transferred),
                db.CaseEvents.Count(e => e.CaseId == k.Id && e.Type == CaseEventType.Reassigned),
                db.FeedbackFlags.Any(f => f.CaseId == k.Id && f.Flag == CaseFlag.Misrouted),
                db.FeedbackFlags.Any(f => f.CaseId == k.Id && f.Flag == CaseFlag.CustomerRepeated),
                db.RepeatMentions.Any(m => m.CaseId == k.Id)))
            .ToListAsync(cancellationToken);
        return [.. rows.Where(r => filter.InHour(r.OpenedAt))];
    }

    /// <summary>
    /// The ratings of conversations that started in the range, each with its own category: the
    /// rated case's, or for the bot alone the bot's leading guess. A team or skill narrows the
    /// escalated ratings only; the bot's have neither.
    /// </summary>
    public static async Task<List<RatingRow>> RatingsAsync(AgentConsoleDbContext db, MetricsFilter filter, CancellationToken cancellationToken)
    {
        var cases = CasesOfTeamAndSkill(db, filter);
        var query =
            from c in FilteredConversations.Of(db, filter)
            join r in db.ChatRatings on c.Id equals r.ConversationId
            where r.CaseId == null || cases.Any(k => k.Id == r.CaseId)
            select new
            {
                c.CreatedAt,
                r.Score,
                Escalated = r.CaseId != null,
                Category = r.CaseId == null
                    ? db.TriggerStates.Where(s => s.ConversationId == c.Id).Select(s => (IssueCategory?)s.Category).FirstOrDefault() ?? IssueCategory.Other
                    : db.Cases.Where(k => k.Id == r.CaseId).Select(k => k.ResolvedCategory ?? k.Category).First(),
            };
        if (filter.Category is { } category) query = query.Where(r => r.Category == category);
        var rows = await query.ToListAsync(cancellationToken);
        return [.. rows.Where(r => filter.InHour(r.CreatedAt)).Select(r => new RatingRow(r.CreatedAt, r.Score, r.Escalated, r.Category))];
    }

    private static IQueryable<Case> CasesOfTeamAndSkill(AgentConsoleDbContext db, MetricsFilter filter) =>
        FilteredCases.OfTeamAndSkill(db.Cases.AsNoTracking(), filter);
}
