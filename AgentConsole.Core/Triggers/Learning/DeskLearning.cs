using AgentConsole.Core.Audit;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Triggers.Classification;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Triggers.Learning;

/// <summary>
/// The desk teaching the triggers from its agents' verdicts. A case resolved in another category
/// than the classifier gave it, and an escalation flagged unnecessary that fired on a seeming request
/// for a person or a complaint, become candidates; nothing changes until an admin approves one.
/// Approving a recategorised case adds the customer's words as a classifier example of the confirmed
/// category; approving an unnecessary one teaches the learned labels a message that neither asks for
/// a person nor complains. Either applies at once, without a restart, through
/// <see cref="CategoryExampleStore.ReloadAsync"/>. Every decision is stored with who made it and when.
/// </summary>
/// <remarks>
/// The candidates are read from what the cases, their flags and the decisions already hold, so every
/// writer of a resolution or a flag makes one: nothing has to remember to propose it.
/// </remarks>
public sealed class DeskLearning(IDbContextFactory<AgentConsoleDbContext> dbFactory, CategoryExampleStore examples, TimeProvider time)
{
    /// <summary>How many of the customer's latest messages before the case opened a candidate shows.</summary>
    public const int MessagesShown = 10;

    /// <summary>The reasons whose false alarms the learned labels can unlearn.</summary>
    private static readonly ReasonCategory[] LearnableReasons = [ReasonCategory.CustomerRequest, ReasonCategory.Sentiment];

    /// <summary>The candidates waiting for a decision, the latest verdicts first, at most <paramref name="max"/> of each source.</summary>
    public async Task<IReadOnlyList<LearningCandidate>> CandidatesAsync(int max = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var decisions = db.Set<LearningDecision>();
        var recategorised = await db.Cases.AsNoTracking()
            .Where(c => c.ResolvedCategory != null && c.ResolvedCategory != c.Category
                && !decisions.Any(d => d.CaseId == c.Id && d.Source == LearningSource.Recategorised))
            .OrderByDescending(c => c.ResolvedAt).Take(max).ToListAsync(cancellationToken);
        var flags = await db.FeedbackFlags.AsNoTracking()
            .Where(f => f.Flag == CaseFlag.UnnecessaryEscalation && !decisions.Any(d => d.CaseId == f.CaseId && d.Source == LearningSource.Unnecessary))
            .Select(f => new { f.CaseId, f.At, f.Comment }).ToListAsync(cancellationToken);
        var firstFlags = flags.GroupBy(f => f.CaseId).Select(g => g.OrderBy(f => f.At).First()).OrderByDescending(f => f.At).Take(max).ToList();
        var flaggedIds = firstFlags.Select(f => f.CaseId).ToList();
        var flagged = (await db.Cases.AsNoTracking().Where(c => flaggedIds.Contains(c.Id)).ToListAsync(cancellationToken))
            .Where(c => c.Reasons.Any(r => LearnableReasons.Contains(r.Category))).ToDictionary(c => c.Id);

        var messages = await MessagesAsync(db, [.. recategorised, .. flagged.Values], cancellationToken);
        var candidates = new List<LearningCandidate>();
        foreach (var c in recategorised)
        {
            var words = messages[c.Id];
            var proposed = words.FirstOrDefault(m => BriefingWriter.IsSubstantive(m.Text)) ?? words.FirstOrDefault();
            candidates.Add(new LearningCandidate(c.Id, LearningSource.Recategorised, c.ResolvedAt!.Value, c.Category, c.ResolvedCategory,
                Reasons(c), null, words, proposed?.Text ?? ""));
        }
        foreach (var flag in firstFlags)
        {
            if (!flagged.TryGetValue(flag.CaseId, out var c)) continue;
            var words = messages[c.Id];
            // The message that fired the request or complaint, else the last thing the customer said before the case opened.
            var fired = c.Reasons.Where(r => LearnableReasons.Contains(r.Category) && r.MessageId is not null).Select(r => r.MessageId).ToHashSet();
            var proposed = words.LastOrDefault(m => fired.Contains(m.Id)) ?? words.LastOrDefault();
            candidates.Add(new LearningCandidate(c.Id, LearningSource.Unnecessary, flag.At, c.Category, c.ResolvedCategory, Reasons(c), flag.Comment, words,
                proposed?.Text ?? ""));
        }
        return [.. candidates.Where(c => c.Messages.Count > 0).OrderByDescending(c => c.At)];
    }

    /// <summary>The latest <paramref name="max"/> decisions, newest first.</summary>
    public async Task<IReadOnlyList<LearningDecision>> DecidedAsync(int max = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<LearningDecision>().AsNoTracking().OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id).Take(max)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Approves the candidate of <paramref name="caseId"/> from <paramref name="source"/> as
    /// <paramref name="decidedBy"/> (recorded in the decision and the audit log), teaching <paramref name="text"/> (the admin may pick another of
    /// the customer's messages or edit it) and, for a recategorised case, <paramref name="category"/>
    /// (the agent's confirmed one when not given). The example and the decision are stored together,
    /// and the classifier learns it before this returns.
    /// </summary>
    /// <exception cref="DomainException">No such candidate, it was already decided, or the text is blank or too long.</exception>
    public async Task<LearningDecision> ApproveAsync(long caseId, LearningSource source, string text, AuditActor decidedBy, IssueCategory? category = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decidedBy);
        var words = (text ?? "").Trim();
        if (words.Length == 0) throw new DomainException("The example needs the customer's words.");
        if (words.Length > LearningDecision.MaxTextLength) throw new DomainException($"The example is longer than {LearningDecision.MaxTextLength} characters.");

        LearningDecision decision;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            var @case = await CandidateCaseAsync(db, caseId, source, cancellationToken);
            var now = time.UtcNowDateTime();
            if (source == LearningSource.Recategorised)
            {
                var taught = category ?? @case.ResolvedCategory!.Value;
                var example = new CategoryExampleRecord(taught, words, seeded: false, now);
                db.CategoryExamples.Add(example);
                await db.SaveChangesAsync(cancellationToken);
                decision = new LearningDecision(caseId, source, approved: true, taught, words, decidedBy.Name, now);
                decision.Added(example);
            }
            else decision = new LearningDecision(caseId, source, approved: true, null, words, decidedBy.Name, now);
            db.Add(decision);
            AuditTrail.Record(db, decidedBy, AuditActions.LearningApproved, $"case:{caseId}",
                new { source = source.ToString(), category = decision.Category?.ToString(), exampleId = decision.ExampleId }, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await examples.ReloadAsync(cancellationToken);
        return decision;
    }

    /// <summary>Rejects the candidate of <paramref name="caseId"/> from <paramref name="source"/> as <paramref name="decidedBy"/>; nothing is learned.</summary>
    /// <exception cref="DomainException">No such candidate, or it was already decided.</exception>
    public async Task<LearningDecision> RejectAsync(long caseId, LearningSource source, AuditActor decidedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decidedBy);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        await CandidateCaseAsync(db, caseId, source, cancellationToken);
        var now = time.UtcNowDateTime();
        var decision = new LearningDecision(caseId, source, approved: false, null, null, decidedBy.Name, now);
        db.Add(decision);
        AuditTrail.Record(db, decidedBy, AuditActions.LearningRejected, $"case:{caseId}", new { source = source.ToString() }, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return decision;
    }

    /// <summary>The messages the desk approved as neither asking for a person nor complaining, for the classifier's learned labels.</summary>
    internal static async Task<List<LabelledMessage>> LearnedMessagesAsync(AgentConsoleDbContext db, CancellationToken cancellationToken) =>
        (await db.Set<LearningDecision>().AsNoTracking()
            .Where(d => d.Approved && d.Source == LearningSource.Unnecessary && d.Text != null && d.Text != Privacy.Redaction.Marker)
            .OrderBy(d => d.Id).Select(d => d.Text!).ToListAsync(cancellationToken))
        .Select(text => new LabelledMessage(text, AsksForPerson: false, Complains: false)).ToList();

    /// <summary>The case of a candidate still waiting for its decision, read inside the deciding transaction.</summary>
    private static async Task<Case> CandidateCaseAsync(AgentConsoleDbContext db, long caseId, LearningSource source, CancellationToken cancellationToken)
    {
        var @case = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw new DomainException($"No case {caseId}.");
        var decided = await db.Set<LearningDecision>().AsNoTracking().Where(d => d.CaseId == caseId && d.Source == source)
            .Select(d => new { d.DecidedBy, d.DecidedAt, d.Approved }).SingleOrDefaultAsync(cancellationToken);
        if (decided is not null)
            throw new DomainException($"Case {caseId} was already {(decided.Approved ? "approved" : "rejected")} by {decided.DecidedBy} at {decided.DecidedAt:u}.");
        var isCandidate = source switch
        {
            LearningSource.Recategorised => @case.ResolvedCategory is { } confirmed && confirmed != @case.Category,
            LearningSource.Unnecessary => @case.Reasons.Any(r => LearnableReasons.Contains(r.Category))
                && await db.FeedbackFlags.AnyAsync(f => f.CaseId == caseId && f.Flag == CaseFlag.UnnecessaryEscalation, cancellationToken),
            _ => false,
        };
        if (!isCandidate) throw new DomainException($"Case {caseId} has nothing to teach as {source}.");
        return @case;
    }

    private static IReadOnlyList<ReasonCategory> Reasons(Case @case) => [.. @case.Reasons.Select(r => r.Category).Distinct()];

    /// <summary>Each case's customer messages up to its opening, the latest <see cref="MessagesShown"/>, oldest first.</summary>
    private static async Task<Dictionary<long, IReadOnlyList<CandidateMessage>>> MessagesAsync(AgentConsoleDbContext db, IReadOnlyList<Case> cases,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, IReadOnlyList<CandidateMessage>>();
        foreach (var c in cases)
        {
            if (result.ContainsKey(c.Id)) continue;
            var latest = await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == c.ConversationId && m.Author == MessageAuthor.Customer && m.SentAt <= c.OpenedAt)
                .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Take(MessagesShown)
                .Select(m => new CandidateMessage(m.Id, m.Text, m.SentAt)).ToListAsync(cancellationToken);
            latest.Reverse();
            result[c.Id] = latest;
        }
        return result;
    }
}
