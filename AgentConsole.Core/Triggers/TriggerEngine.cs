using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Core.Triggers.Rules;

namespace AgentConsole.Core.Triggers;

/// <summary>What happened in a conversation, as the triggers see it.</summary>
public enum TriggerInputKind { CustomerMessage, BotMessage, BotHandoff }

/// <summary>One event for the triggers: a customer or bot message, or the bot's request for a human.</summary>
public sealed record TriggerInput(TriggerInputKind Kind, string Text, DateTime At, double? Confidence = null, long? MessageId = null);

/// <summary>
/// Evaluates conversations. It folds new events into a conversation's <see cref="TriggerState"/>:
/// the customer's new messages are classified in one batch, then every event goes through the fast
/// rule stage. <see cref="Decide"/> turns the state into a decision. The options are read on every
/// call, so changed settings apply without a restart.
/// </summary>
public sealed class TriggerEngine(IIssueClassifier classifier, Func<TriggerOptions> options)
{
    private static readonly IReadOnlyDictionary<string, CategoryPrediction> Empty = new Dictionary<string, CategoryPrediction>();
    private RuleSet? _rules;

    /// <summary>The rule stage for the current options, compiled once per options instance.</summary>
    public RuleSet Rules
    {
        get
        {
            var current = options();
            var rules = _rules;
            if (rules is null || !ReferenceEquals(rules.Options, current)) _rules = rules = new RuleSet(current);
            return rules;
        }
    }

    /// <summary>
    /// Classifies the customer messages among <paramref name="inputs"/> in one batch. Callers may do
    /// this before taking a write lock, since it is the slow step, and pass the result to <see cref="Apply"/>.
    /// </summary>
    public IReadOnlyDictionary<string, CategoryPrediction> Classify(IEnumerable<TriggerInput> inputs, CancellationToken cancellationToken = default)
    {
        var texts = inputs.Where(i => i.Kind == TriggerInputKind.CustomerMessage).Select(i => i.Text).Distinct(StringComparer.Ordinal).ToList();
        if (texts.Count == 0) return new Dictionary<string, CategoryPrediction>(StringComparer.Ordinal);
        var predictions = classifier.Classify(texts, cancellationToken);
        return texts.Select((text, i) => (text, i)).ToDictionary(p => p.text, p => predictions[p.i], StringComparer.Ordinal);
    }

    /// <summary>
    /// Folds <paramref name="inputs"/>, in order, into <paramref name="state"/>. Customer messages
    /// missing from <paramref name="classified"/> are classified now.
    /// </summary>
    public void Apply(TriggerState state, IReadOnlyList<TriggerInput> inputs, IReadOnlyDictionary<string, CategoryPrediction>? classified = null, CancellationToken cancellationToken = default)
    {
        var rules = Rules;
        var missing = inputs.Where(i => i.Kind == TriggerInputKind.CustomerMessage && classified?.ContainsKey(i.Text) != true).ToList();
        var predictions = missing.Count == 0 ? classified ?? Empty : Merge(classified, Classify(missing, cancellationToken));

        foreach (var input in inputs)
        {
            switch (input.Kind)
            {
                case TriggerInputKind.CustomerMessage:
                    state.ApplyCustomer(rules.ScanCustomer(input.Text), predictions[input.Text], input.Text, input.At, input.MessageId, rules.Options);
                    break;
                case TriggerInputKind.BotMessage:
                    state.ApplyBot(rules.ScanBot(input.Text, input.Confidence), input.Text, input.Confidence, input.At, input.MessageId);
                    break;
                case TriggerInputKind.BotHandoff:
                    state.ApplyHandoff(input.Text, input.At, input.MessageId);
                    break;
            }
        }
    }

    /// <summary>The decision for a conversation in <paramref name="state"/>.</summary>
    public EscalationDecision Decide(TriggerState state, Customer? customer, DateTime now, bool timedOut = false) =>
        DecisionPolicy.Decide(state, customer, Rules.Options, now, timedOut);

    /// <summary>
    /// The decision for a case opened whatever the triggers say, for <paramref name="opened"/>: the
    /// triggers decide its category, priority, skill and tier from <paramref name="state"/> as for any escalation.
    /// </summary>
    public EscalationDecision DecideOpened(TriggerState state, Customer? customer, DateTime now, EscalationReason opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        return DecisionPolicy.Decide(state, customer, Rules.Options, now, opened: opened);
    }

    /// <summary>Evaluates a whole transcript from scratch, storing nothing.</summary>
    public EscalationDecision Evaluate(IReadOnlyList<TriggerInput> transcript, Customer? customer, DateTime now, CancellationToken cancellationToken = default)
    {
        var state = new TriggerState();
        Apply(state, transcript, cancellationToken: cancellationToken);
        return Decide(state, customer, now);
    }

    private static IReadOnlyDictionary<string, CategoryPrediction> Merge(IReadOnlyDictionary<string, CategoryPrediction>? first, IReadOnlyDictionary<string, CategoryPrediction> second)
    {
        if (first is null || first.Count == 0) return second;
        var merged = new Dictionary<string, CategoryPrediction>(first, StringComparer.Ordinal);
        foreach (var (text, prediction) in second) merged[text] = prediction;
        return merged;
    }
}
