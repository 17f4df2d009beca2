using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;

namespace AgentConsole.Tests.Support;

/// <summary>
/// A deterministic stand-in for the neural classifier in engine tests: a category per keyword, and a
/// bag-of-words embedding, so identical wording is similar and different wording is not.
/// </summary>
public sealed class KeywordClassifier : IIssueClassifier
{
    private static readonly (string Word, IssueCategory Category)[] Keywords =
    [
        ("invoice", IssueCategory.Billing), ("charged", IssueCategory.Billing), ("refund", IssueCategory.Billing), ("bill", IssueCategory.Billing),
        ("login", IssueCategory.AccountAccess), ("password", IssueCategory.AccountAccess), ("locked", IssueCategory.AccountAccess),
        ("crash", IssueCategory.Technical), ("error", IssueCategory.Technical), ("export", IssueCategory.Technical),
        ("hacked", IssueCategory.Security), ("api", IssueCategory.Integration), ("webhook", IssueCategory.Integration),
        ("cancel", IssueCategory.Cancellation), ("how", IssueCategory.ProductQuestion),
    ];

    public int Calls { get; private set; }

    public IReadOnlyList<CategoryPrediction> Classify(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Calls++;
        return texts.Select(Predict).ToList();
    }

    public void SetExamples(IReadOnlyList<CategoryExample> examples) { }

    private static CategoryPrediction Predict(string text)
    {
        var lower = text.ToLowerInvariant();
        var category = Keywords.FirstOrDefault(k => lower.Contains(k.Word)).Category;
        var confidence = Keywords.Any(k => lower.Contains(k.Word)) ? 0.9 : 0.5;
        if (!Keywords.Any(k => lower.Contains(k.Word))) category = IssueCategory.Other;
        var probabilities = Enum.GetValues<IssueCategory>().ToDictionary(c => c, c => c == category ? confidence : (1 - confidence) / 7);
        return new CategoryPrediction(category, confidence, probabilities, Embed(lower));
    }

    private static float[] Embed(string text)
    {
        var vector = new float[64];
        foreach (var word in text.Split([' ', ',', '.', '!', '?'], StringSplitOptions.RemoveEmptyEntries))
            vector[(word.GetHashCode(StringComparison.Ordinal) & 0x7fffffff) % 64] += 1;
        return vector;
    }
}
