using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>A case as the tuning reads it: when it opened, the triggers that opened it, and whether an agent flagged it unnecessary.</summary>
public sealed record CaseOutcome(long CaseId, Guid ConversationId, DateTime OpenedAt, IReadOnlyList<EscalationReason> Reasons, bool FlaggedUnnecessary)
{
    /// <summary>The distinct trigger names among the reasons.</summary>
    public IEnumerable<string> Triggers => Reasons.Select(r => r.Trigger).Distinct(StringComparer.Ordinal);
}

/// <summary>One stored customer or bot message, as the triggers would read it again.</summary>
public sealed record StoredMessage(long Id, MessageAuthor Author, string Text, DateTime SentAt, double? Confidence);

/// <summary>
/// A conversation's messages while it was with the bot: all of them when it never escalated, else
/// those up to its first case's opening, which the triggers decided on.
/// </summary>
public sealed record BotPhase(Guid ConversationId, DateTime CreatedAt, Guid? CustomerId, CaseOutcome? FirstCase, IReadOnlyList<StoredMessage> Messages)
{
    /// <summary>How many bot replies came before the escalation (or in all, when there was none).</summary>
    public int BotReplies => Messages.Count(m => m.Author == MessageAuthor.Bot);

    /// <summary>
    /// Whether it escalated late: by the unresolved timer, or only after <paramref name="lateAfterBotReplies"/>
    /// bot replies or more.
    /// </summary>
    public bool EscalatedLate(int lateAfterBotReplies) => FirstCase is { } first
        && (first.Reasons.Any(r => r.Trigger == "unresolved") || BotReplies >= lateAfterBotReplies);
}

/// <summary>Reads the stored cases, flags and transcripts that the tuning judges, for a span of time.</summary>
public static class TuningHistory
{
    private const int Chunk = 500;

    /// <summary>The cases opened in [<paramref name="start"/>, <paramref name="end"/>), oldest first.</summary>
    public static async Task<IReadOnlyList<CaseOutcome>> CasesAsync(AgentConsoleDbContext db, DateTime start, DateTime end, CancellationToken cancellationToken = default)
    {
        var rows = await db.Cases.AsNoTracking()
            .Where(c => c.OpenedAt >= start && c.OpenedAt < end)
            .OrderBy(c => c.OpenedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.ConversationId, c.OpenedAt, c.Reasons, Flagged = c.Flags.Any(f => f.Flag == CaseFlag.UnnecessaryEscalation) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CaseOutcome(r.Id, r.ConversationId, r.OpenedAt, r.Reasons.ToList(), r.Flagged)).ToList();
    }

    /// <summary>
    /// The bot phase of the conversations started in [<paramref name="start"/>, <paramref name="end"/>),
    /// newest first, at most <paramref name="max"/>; <c>Capped</c> says whether more were left out.
    /// </summary>
    public static async Task<(IReadOnlyList<BotPhase> Conversations, bool Capped)> BotPhasesAsync(AgentConsoleDbContext db, DateTime start, DateTime end, int max,
        CancellationToken cancellationToken = default)
    {
        var conversations = await db.Conversations.AsNoTracking()
            .Where(c => c.CreatedAt >= start && c.CreatedAt < end)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => new { c.Id, c.CreatedAt, c.CustomerId })
            .Take(max + 1).ToListAsync(cancellationToken);
        var capped = conversations.Count > max;
        if (capped) conversations.RemoveAt(conversations.Count - 1);

        var phases = new List<BotPhase>(conversations.Count);
        foreach (var chunk in conversations.Chunk(Chunk))
        {
            var ids = chunk.Select(c => c.Id).ToList();
            var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.ConversationId))
                .Select(c => new { c.Id, c.ConversationId, c.OpenedAt, c.Reasons, Flagged = c.Flags.Any(f => f.Flag == CaseFlag.UnnecessaryEscalation) })
                .ToListAsync(cancellationToken);
            var firstCases = cases.GroupBy(c => c.ConversationId).ToDictionary(g => g.Key, g =>
            {
                var first = g.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id).First();
                return new CaseOutcome(first.Id, first.ConversationId, first.OpenedAt, first.Reasons.ToList(), first.Flagged);
            });
            var messages = (await db.Messages.AsNoTracking()
                    .Where(m => ids.Contains(m.ConversationId) && (m.Author == MessageAuthor.Customer || m.Author == MessageAuthor.Bot))
                    .Select(m => new { m.ConversationId, m.Id, m.Author, m.Text, m.SentAt, m.BotConfidence })
                    .ToListAsync(cancellationToken))
                .GroupBy(m => m.ConversationId)
                .ToDictionary(g => g.Key, g => g.OrderBy(m => m.SentAt).ThenBy(m => m.Id).ToList());
            foreach (var conversation in chunk)
            {
                var first = firstCases.GetValueOrDefault(conversation.Id);
                var all = messages.GetValueOrDefault(conversation.Id) ?? [];
                var phase = all.Where(m => first is null || m.SentAt <= first.OpenedAt)
                    .Select(m => new StoredMessage(m.Id, m.Author, m.Text, m.SentAt, m.BotConfidence)).ToList();
                phases.Add(new BotPhase(conversation.Id, conversation.CreatedAt, conversation.CustomerId, first, phase));
            }
        }
        return (phases, capped);
    }
}
