namespace AgentConsole.Core.Triggers.Classification;

/// <summary>One labelled example utterance: a text a customer might write, and its category.</summary>
public sealed record CategoryExample(IssueCategory Category, string Text);

/// <summary>
/// One text's category, its calibrated confidence (the probability that the category is right,
/// 0 to 1), the probability of every category (they sum to 1), and the text's embedding (null if
/// a provider has none). <see cref="PersonRequest"/> and <see cref="Complaint"/> are the learned
/// chances that the text asks for a person and that it complains, 0 where the classifier has no such model.
/// </summary>
public sealed record CategoryPrediction(
    IssueCategory Category,
    double Confidence,
    IReadOnlyDictionary<IssueCategory, double> Probabilities,
    float[]? Embedding,
    double PersonRequest = 0,
    double Complaint = 0);

/// <summary>Decides what a customer's message is about.</summary>
public interface IIssueClassifier
{
    /// <summary>Classifies <paramref name="texts"/> in one batch, returning one prediction per text, in order.</summary>
    IReadOnlyList<CategoryPrediction> Classify(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the labelled examples (admins edit them). Safe to call while <see cref="Classify"/>
    /// runs on other threads: a call already running finishes with the examples it started with.
    /// </summary>
    void SetExamples(IReadOnlyList<CategoryExample> examples);

    /// <summary>
    /// Replaces the messages the desk taught the learned labels (asking for a person, complaining)
    /// on top of the classifier's own: admins approve them from agents' verdicts. A classifier with
    /// no learned labels has nothing to teach and ignores them.
    /// </summary>
    void SetLearnedMessages(IReadOnlyList<LabelledMessage> learned) { }
}
