using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers.Classification;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>
/// Re-runs the trigger engine over stored conversations with two sets of settings and reports the
/// conversations whose escalate decision differs. Each conversation's bot phase (its messages up to
/// its first case, or all of them when it never escalated) is read message by message, and the
/// decision is taken after each one, with the unresolved timer counted from the customer's first
/// message, and once more when the case opened (or at the last message). Customer messages are
/// classified once and shared by both runs. Stores nothing.
/// </summary>
public sealed class TuningReplay(IDbContextFactory<AgentConsoleDbContext> dbFactory, IIssueClassifier classifier)
{
    /// <summary>Replays the conversations started in [<paramref name="start"/>, <paramref name="end"/>), the newest <paramref name="cap"/> at most.</summary>
    public async Task<ReplayResult> RunAsync(TriggerOptions current, TriggerOptions proposed, DateTime start, DateTime end, int cap,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 1);
        IReadOnlyList<BotPhase> conversations;
        bool capped;
        Dictionary<Guid, Customer> customers;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            (conversations, capped) = await TuningHistory.BotPhasesAsync(db, start, end, cap, cancellationToken);
            var ids = conversations.Where(c => c.CustomerId is not null).Select(c => c.CustomerId!.Value).Distinct().ToList();
            customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        }

        var now = new TriggerEngine(classifier, () => current);
        var then = new TriggerEngine(classifier, () => proposed);
        var inputs = conversations.ToDictionary(c => c.ConversationId, c => c.Messages.Select(ToInput).ToList());
        var classified = now.Classify(inputs.Values.SelectMany(i => i), cancellationToken);

        var changes = new List<ReplayChange>();
        int escalatedNow = 0, escalatedProposed = 0;
        foreach (var conversation in conversations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var transcript = inputs[conversation.ConversationId];
            var customer = conversation.CustomerId is { } id ? customers.GetValueOrDefault(id) : null;
            var endAt = conversation.FirstCase?.OpenedAt ?? (transcript.Count > 0 ? transcript[^1].At : conversation.CreatedAt);
            var before = FirstEscalation(now, current, transcript, customer, classified, endAt, cancellationToken);
            var after = FirstEscalation(then, proposed, transcript, customer, classified, endAt, cancellationToken);
            if (before is not null) escalatedNow++;
            if (after is not null) escalatedProposed++;
            if (before == after) continue;
            var kind = (before, after) switch
            {
                (null, _) => ReplayChangeKind.NewlyEscalated,
                (_, null) => ReplayChangeKind.NoLongerEscalated,
                var (b, a) when a < b => ReplayChangeKind.EscalatedEarlier,
                _ => ReplayChangeKind.EscalatedLater,
            };
            changes.Add(new ReplayChange(conversation.ConversationId, conversation.FirstCase?.CaseId, kind, before, after, transcript.Count));
        }
        return new ReplayResult(start, end, conversations.Count, cap, capped, escalatedNow, escalatedProposed, changes);
    }

    /// <summary>How many messages had been read when the conversation first escalates, or null.</summary>
    private static int? FirstEscalation(TriggerEngine engine, TriggerOptions options, List<TriggerInput> transcript, Customer? customer,
        IReadOnlyDictionary<string, Classification.CategoryPrediction> classified, DateTime endAt, CancellationToken cancellationToken)
    {
        var state = new TriggerState();
        for (var i = 0; i < transcript.Count; i++)
        {
            engine.Apply(state, [transcript[i]], classified, cancellationToken);
            if (engine.Decide(state, customer, transcript[i].At, TimedOut(state, options, customer, transcript[i].At)).Escalate) return i + 1;
        }
        return transcript.Count > 0 && engine.Decide(state, customer, endAt, TimedOut(state, options, customer, endAt)).Escalate ? transcript.Count : null;
    }

    private static bool TimedOut(TriggerState state, TriggerOptions options, Customer? customer, DateTime at)
    {
        if (!options.Unresolved.Enabled || state.FirstCustomerMessageAt is not { } first) return false;
        var valuable = options.CustomerValue.Enabled && CustomerValue.Of(customer, options.CustomerValue, at).IsValuable;
        return at - first >= TimeSpan.FromMinutes(options.Unresolved.Minutes * (valuable ? options.Unresolved.ValuableCustomerFactor : 1));
    }

    private static TriggerInput ToInput(StoredMessage message) => message.Author == MessageAuthor.Customer
        ? new TriggerInput(TriggerInputKind.CustomerMessage, message.Text, message.SentAt, MessageId: message.Id)
        : new TriggerInput(TriggerInputKind.BotMessage, message.Text, message.SentAt, message.Confidence, message.Id);
}
