using System.Text.Json.Nodes;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Delivery;
using AgentConsole.Core.Metrics.Facts;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Tuning;
using AgentConsole.Core.Triggers.Learning;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Privacy;

/// <summary>
/// Replaces the words of a set of conversations with <see cref="Redaction.Marker"/> wherever the
/// store keeps them: the transcript, attempts, pages, the inbound ledger's payloads, the triggers'
/// evidence, the cases' briefings, reasons, notes, bug reports and case-log comments, repeat
/// mentions, flags' and ratings' comments, the outbox's payloads, the tuning suggestions that quote
/// them and the admin-added classifier examples copied from them. Ids, counts, times, categories,
/// reasons' categories and triggers, scores and flags stay, so every metric computed from them stays true.
/// </summary>
/// <remarks>
/// It writes with set-based updates in the caller's transaction and never through change tracking,
/// so the append-only guard of the context is not involved; the store's own triggers let the ledger's
/// payload and the case log's comment and detail change to the redaction values and nothing else.
/// </remarks>
public static class ConversationAnonymiser
{
    /// <summary>A keyword-repeat reason names a configured keyword and a count, never the customer's words; the tuning reads it back.</summary>
    private const string KeywordRepeatTrigger = "keyword-repeat";

    /// <summary>The shortest customer text looked for in tuning suggestions' evidence; shorter ones would match by chance.</summary>
    private const int QuotedTextMinimum = 12;

    /// <summary>
    /// Anonymises the conversations <paramref name="conversationIds"/> inside the transaction the
    /// caller holds on <paramref name="db"/>, and marks them anonymised at <paramref name="now"/>.
    /// </summary>
    /// <returns>The rows changed, and whether classifier examples were removed (the classifier must reload).</returns>
    public static async Task<AnonymisedRows> AnonymiseAsync(AgentConsoleDbContext db, IReadOnlyCollection<Guid> conversationIds, DateTime now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(conversationIds);
        if (conversationIds.Count == 0) return new AnonymisedRows(0, false);
        var ids = conversationIds.Distinct().ToList();
        const string marker = Redaction.Marker;

        // Read before the transcript is erased: the words that other tables may have copied.
        var customerTexts = await db.Messages.AsNoTracking()
            .Where(m => ids.Contains(m.ConversationId) && m.Author == MessageAuthor.Customer && m.Text != marker)
            .Select(m => m.Text).Distinct().ToListAsync(cancellationToken);
        var caseIds = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.ConversationId)).Select(c => c.Id).ToListAsync(cancellationToken);

        var rows = 0;
        rows += await db.Messages.Where(m => ids.Contains(m.ConversationId) && m.Text != marker)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, marker), cancellationToken);
        rows += await db.AttemptedSolutions.Where(a => ids.Contains(a.ConversationId) && a.Description != marker)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Description, marker), cancellationToken);
        rows += await db.PageContexts.Where(p => ids.Contains(p.ConversationId) && (p.Url != marker || p.Title != null && p.Title != marker))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Url, marker).SetProperty(p => p.Title, p => p.Title == null ? null : marker), cancellationToken);
        rows += await db.InboundEvents.Where(e => ids.Contains(e.ConversationId) && e.Payload != Redaction.Payload)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Payload, Redaction.Payload), cancellationToken);
        rows += await db.OutboundEvents.Where(e => ids.Contains(e.ConversationId) && e.Payload != Redaction.Payload)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Payload, Redaction.Payload), cancellationToken);
        rows += await db.ChatRatings.Where(r => ids.Contains(r.ConversationId) && r.Comment != null && r.Comment != marker)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Comment, marker), cancellationToken);
        rows += await RedactTriggerStatesAsync(db, ids, cancellationToken);
        rows += await db.Conversations.Where(c => ids.Contains(c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AnonymisedAt, now), cancellationToken);

        if (caseIds.Count > 0)
        {
            rows += await RedactCasesAsync(db, caseIds, cancellationToken);
            rows += await db.CaseEvents.Where(e => caseIds.Contains(e.CaseId) && e.Comment != null && e.Comment != marker)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Comment, marker), cancellationToken);
            // The engineering entry's detail is the bug report's JSON; every other detail is the system's own (agent ids, categories, flag names).
            rows += await db.CaseEvents.Where(e => caseIds.Contains(e.CaseId) && e.Type == CaseEventType.ToEngineering && e.Detail != null && e.Detail != marker)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, marker), cancellationToken);
            rows += await db.FeedbackFlags.Where(f => caseIds.Contains(f.CaseId) && f.Comment != null && f.Comment != marker)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Comment, marker), cancellationToken);
            rows += await db.RepeatMentions.Where(r => caseIds.Contains(r.CaseId) && r.Excerpt != marker)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Excerpt, marker), cancellationToken);
        }
        rows += await RedactTuningEvidenceAsync(db, caseIds, customerTexts, cancellationToken);

        // What an admin taught the triggers from these cases (Learning from the desk): the words go, and the example they added with them.
        var learnedExamples = caseIds.Count == 0 ? [] : await db.Set<LearningDecision>().AsNoTracking()
            .Where(d => caseIds.Contains(d.CaseId) && d.ExampleId != null).Select(d => d.ExampleId!.Value).ToListAsync(cancellationToken);
        var learned = caseIds.Count == 0 ? 0 : await db.Set<LearningDecision>().Where(d => caseIds.Contains(d.CaseId) && d.Text != null && d.Text != marker)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Text, marker), cancellationToken);

        // An example an admin copied from the customer's words goes; the project's own examples stay even when a customer said the same.
        var trimmed = customerTexts.Select(t => t.Trim()).ToList();
        var copied = trimmed.Count == 0 && learnedExamples.Count == 0 ? []
            : await db.CategoryExamples.AsNoTracking().Where(e => !e.Seeded && (trimmed.Contains(e.Text) || learnedExamples.Contains(e.Id)))
                .Select(e => e.Id).ToListAsync(cancellationToken);
        var examples = copied.Count == 0 ? 0 : await db.CategoryExamples.Where(e => copied.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        // The admins' audit log recorded those examples' words when they were added, edited or removed.
        rows += await RedactExampleAuditAsync(db, copied, trimmed, cancellationToken);

        // The history's fact rows copy a page's address and the bot's replies: they are redone before the erasure commits.
        await FactsCatchUp.InTransactionAsync(db, cancellationToken);
        return new AnonymisedRows(rows + learned + examples, examples > 0 || learned > 0);
    }

    private static async Task<int> RedactTriggerStatesAsync(AgentConsoleDbContext db, List<Guid> ids, CancellationToken cancellationToken)
    {
        var states = await db.TriggerStates.AsNoTracking().Where(s => ids.Contains(s.ConversationId))
            .Select(s => new { s.ConversationId, s.StateJson }).ToListAsync(cancellationToken);
        var rows = 0;
        foreach (var state in states)
        {
            if (state.StateJson is null) continue;
            var redacted = JsonRedactor.TriggerState.Redact(state.StateJson)!;
            if (redacted == state.StateJson) continue;
            rows += await db.TriggerStates.Where(s => s.ConversationId == state.ConversationId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.StateJson, redacted), cancellationToken);
        }
        return rows;
    }

    private static async Task<int> RedactCasesAsync(AgentConsoleDbContext db, List<long> caseIds, CancellationToken cancellationToken)
    {
        const string marker = Redaction.Marker;
        var rows = await db.Cases.Where(c => caseIds.Contains(c.Id) && (c.BriefingMarkdown != marker || c.ResolutionNote != null && c.ResolutionNote != marker))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.BriefingMarkdown, marker)
                .SetProperty(c => c.ResolutionNote, c => c.ResolutionNote == null ? null : marker), cancellationToken);

        // The reasons are an owned JSON column and the bug report JSON text: read, redact and write each case's own.
        foreach (var id in caseIds)
        {
            var stored = await db.Database.SqlQuery<CaseJson>($"""SELECT "Reasons", "BugReport" FROM "Cases" WHERE "Id" = {id}""")
                .SingleAsync(cancellationToken);
            var reasons = RedactReasons(stored.Reasons);
            var bugReport = JsonRedactor.BugReport.Redact(stored.BugReport);
            if (reasons == stored.Reasons && bugReport == stored.BugReport) continue;
            // PostgreSQL keeps the reasons as jsonb, SQLite as text.
            rows += db.Database.IsNpgsql()
                ? await db.Database.ExecuteSqlAsync($"""UPDATE "Cases" SET "Reasons" = CAST({reasons} AS jsonb), "BugReport" = {bugReport} WHERE "Id" = {id}""", cancellationToken)
                : await db.Database.ExecuteSqlAsync($"""UPDATE "Cases" SET "Reasons" = {reasons}, "BugReport" = {bugReport} WHERE "Id" = {id}""", cancellationToken);
        }
        return rows;
    }

    /// <summary>Each reason's evidence becomes the marker, but for a keyword repeat's, which names a configured keyword and a count.</summary>
    private static string? RedactReasons(string? json)
    {
        if (json is null || JsonNode.Parse(json) is not JsonArray reasons) return json;
        foreach (var reason in reasons.OfType<JsonObject>())
        {
            if (reason["Trigger"]?.GetValue<string>() == KeywordRepeatTrigger) continue;
            if (reason.ContainsKey(nameof(EscalationReason.Evidence))) reason[nameof(EscalationReason.Evidence)] = Redaction.Marker;
        }
        return reasons.ToJsonString();
    }

    private static async Task<int> RedactTuningEvidenceAsync(AgentConsoleDbContext db, List<long> caseIds, List<string> customerTexts, CancellationToken cancellationToken)
    {
        var quoted = customerTexts.Select(t => t.Trim()).Where(t => t.Length >= QuotedTextMinimum)
            .Select(t => t.Length > 40 ? t[..40] : t).ToList();
        var suggestions = await db.Set<TuningSuggestion>().AsNoTracking().Where(s => s.Evidence != Redaction.Marker).ToListAsync(cancellationToken);
        var rows = 0;
        foreach (var suggestion in suggestions.Where(s => s.ExampleCaseIds.Any(caseIds.Contains) || quoted.Any(q => s.Evidence.Contains(q, StringComparison.Ordinal))))
        {
            rows += await db.Set<TuningSuggestion>().Where(s => s.Id == suggestion.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Evidence, Redaction.Marker), cancellationToken);
        }
        return rows;
    }

    /// <summary>
    /// The audit entries of the examples erased now (by their target), and of any example, even one an admin removed
    /// earlier, whose recorded text is one of the customer's: their detail becomes <see cref="Redaction.Payload"/>, the
    /// one update the audit log's triggers allow; who did what to which example, and when, stays.
    /// </summary>
    private static async Task<int> RedactExampleAuditAsync(AgentConsoleDbContext db, List<int> erasedExamples, List<string> customerTexts,
        CancellationToken cancellationToken)
    {
        string[] actions = [Audit.AuditActions.ExampleAdded, Audit.AuditActions.ExampleEdited, Audit.AuditActions.ExampleRemoved];
        var targets = erasedExamples.Select(CategoryExampleStore.AuditTarget).ToHashSet(StringComparer.Ordinal);
        var texts = customerTexts.ToHashSet(StringComparer.Ordinal);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => actions.Contains(e.Action) && e.Detail != null && e.Detail != Redaction.Payload)
            .Select(e => new { e.Id, e.Target, e.Detail }).ToListAsync(cancellationToken);
        var redact = entries.Where(e => targets.Contains(e.Target) || RecordedTexts(e.Detail!).Any(t => texts.Contains(t.Trim()))).Select(e => e.Id).ToList();
        return redact.Count == 0 ? 0
            : await db.AuditEntries.Where(e => redact.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, Redaction.Payload), cancellationToken);
    }

    /// <summary>Every <c>text</c> an example's audit detail records, before and after an edit included.</summary>
    private static IEnumerable<string> RecordedTexts(string detail)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(detail); }
        catch (System.Text.Json.JsonException) { yield break; }
        var pending = new Stack<JsonNode?>([root]);
        while (pending.TryPop(out var node))
        {
            if (node is not JsonObject obj) continue;
            foreach (var (name, value) in obj)
            {
                if (name == "text" && value is JsonValue text && text.TryGetValue<string>(out var words)) yield return words;
                else pending.Push(value);
            }
        }
    }

    private sealed class CaseJson
    {
        public string? Reasons { get; set; }
        public string? BugReport { get; set; }
    }
}

/// <summary>What an anonymisation changed.</summary>
/// <param name="Rows">The rows rewritten or removed.</param>
/// <param name="ExamplesRemoved">Whether admin-added classifier examples were removed or learned messages erased, so the classifier must reload them.</param>
public sealed record AnonymisedRows(int Rows, bool ExamplesRemoved);
