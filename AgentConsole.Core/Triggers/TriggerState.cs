using System.Runtime.InteropServices;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Core.Triggers.Rules;

namespace AgentConsole.Core.Triggers;

/// <summary>The words (or signal) that fired a trigger, and the message they came from.</summary>
public sealed record Evidence(string Text, DateTime At, long? MessageId = null);

/// <summary>
/// What the triggers remember about a conversation between messages. It is small and bounded
/// (a few counters, the last few scores, lengths and embeddings), so folding in a new message
/// costs the same however long the transcript is. Folding every message into an empty state
/// gives the same state as folding them in one at a time; the store keeps it as JSON.
/// </summary>
public sealed class TriggerState
{
    /// <summary>How many recent customer messages are remembered for trend, abruptness and repetition.</summary>
    public const int Window = 5;

    public int CustomerMessages { get; set; }
    public DateTime? FirstCustomerMessageAt { get; set; }
    public Dictionary<string, int> KeywordCounts { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, Evidence> KeywordEvidence { get; set; } = new(StringComparer.Ordinal);
    public int LowConfidenceAnswers { get; set; }
    public Evidence? LowConfidence { get; set; }
    public double? LowestConfidence { get; set; }
    public Evidence? CannotHelp { get; set; }
    public Evidence? Handoff { get; set; }
    public Evidence? HumanRequest { get; set; }
    public bool ManagerRequested { get; set; }
    public Evidence? Security { get; set; }
    public Evidence? Dispute { get; set; }
    public Evidence? AccountAction { get; set; }
    public Evidence? Defect { get; set; }
    public Evidence? ErrorCode { get; set; }
    public Evidence? Complaint { get; set; }
    public Evidence? Cancellation { get; set; }
    public double PeakFrustration { get; set; }
    public Evidence? Frustration { get; set; }
    /// <summary>The running (exponentially weighted) sentiment of the customer's messages, -1..1.</summary>
    public double SentimentAverage { get; set; }
    public List<double> RecentScores { get; set; } = [];
    public List<int> RecentLengths { get; set; } = [];
    /// <summary>Recent customer message embeddings, base64 of little-endian floats.</summary>
    public List<string> RecentEmbeddings { get; set; } = [];
    public int Repeats { get; set; }
    public Evidence? Repeat { get; set; }
    public Evidence? Abrupt { get; set; }
    /// <summary>Each category's summed probability over the customer's messages.</summary>
    public Dictionary<IssueCategory, double> CategoryMass { get; set; } = [];
    /// <summary>Categories a message was confidently classified into, with the first such message.</summary>
    public Dictionary<IssueCategory, Evidence> ConfidentCategories { get; set; } = [];
    public Evidence? ClassifiedSecurity { get; set; }

    /// <summary>Folds in a customer message and, when the classifier ran, its prediction.</summary>
    public void ApplyCustomer(CustomerMessageSignals signals, CategoryPrediction? prediction, string text, DateTime at, long? messageId, TriggerOptions options)
    {
        CustomerMessages++;
        if (FirstCustomerMessageAt is null || at < FirstCustomerMessageAt) FirstCustomerMessageAt = at;
        var quote = new Evidence(Quote(text), at, messageId);

        foreach (var keyword in signals.Keywords)
        {
            KeywordCounts[keyword] = KeywordCounts.GetValueOrDefault(keyword) + 1;
            KeywordEvidence.TryAdd(keyword, quote);
        }
        if (signals.HumanRequest is { } request)
        {
            HumanRequest ??= new Evidence(request, at, messageId);
            ManagerRequested |= signals.ManagerRequested;
        }
        if (signals.Security is { } security) Security ??= new Evidence(security, at, messageId);
        if (signals.Dispute is { } dispute) Dispute ??= new Evidence(dispute, at, messageId);
        if (signals.AccountAction is { } account) AccountAction ??= new Evidence(account, at, messageId);
        if (signals.Defect is { } defect) Defect ??= new Evidence(defect, at, messageId);
        if (signals.ErrorCode is { } code) ErrorCode ??= new Evidence(code, at, messageId);
        if (signals.Complaint is { } complaint) Complaint ??= new Evidence(complaint, at, messageId);
        if (signals.Cancellation is { } cancellation) Cancellation ??= new Evidence(cancellation, at, messageId);

        if (signals.Frustration > PeakFrustration)
        {
            PeakFrustration = signals.Frustration;
            var cues = signals.SentimentCues.Count > 0 ? $" ({string.Join(", ", signals.SentimentCues.Take(4))})" : "";
            Frustration = new Evidence(Quote(text) + cues, at, messageId);
        }
        SentimentAverage = CustomerMessages == 1 ? signals.Sentiment : 0.5 * SentimentAverage + 0.5 * signals.Sentiment;
        Push(RecentScores, signals.Sentiment);
        Push(RecentLengths, signals.WordCount);
        if (IsAbrupt(RecentLengths, signals.Sentiment))
            Abrupt ??= new Evidence($"Messages getting shorter: {string.Join(" → ", RecentLengths.TakeLast(3))} words", at, messageId);

        if (prediction is not null) ApplyPrediction(prediction, text, at, messageId, options, signals);
    }

    /// <summary>Folds in a bot message.</summary>
    public void ApplyBot(BotMessageSignals signals, string text, double? confidence, DateTime at, long? messageId)
    {
        if (signals.LowConfidence)
        {
            LowConfidenceAnswers++;
            if (LowestConfidence is null || confidence < LowestConfidence)
            {
                LowestConfidence = confidence;
                LowConfidence = new Evidence($"Bot confidence {confidence:0.00}: \"{Quote(text)}\"", at, messageId);
            }
        }
        if (signals.CannotHelp is { } cannot) CannotHelp ??= new Evidence(cannot, at, messageId);
    }

    /// <summary>Folds in the bot's own request for a human.</summary>
    public void ApplyHandoff(string reason, DateTime at, long? messageId) => Handoff ??= new Evidence(Quote(reason), at, messageId);

    /// <summary>The conversation's category so far: the one with the most probability mass, and its share.</summary>
    public (IssueCategory Category, double Confidence) Category()
    {
        if (CategoryMass.Count == 0) return (IssueCategory.Other, 0);
        var total = CategoryMass.Values.Sum();
        var best = CategoryMass.MaxBy(p => (p.Value, -(int)p.Key));
        return (best.Key, total > 0 ? best.Value / total : 0);
    }

    /// <summary>Which way the customer's mood is heading: the latest message against the ones before it.</summary>
    public SentimentTrend Trend()
    {
        if (RecentScores.Count < 2) return SentimentTrend.Steady;
        var earlier = RecentScores.Take(RecentScores.Count - 1).Average();
        var delta = RecentScores[^1] - earlier;
        return delta <= -0.25 ? SentimentTrend.Worsening : delta >= 0.25 ? SentimentTrend.Improving : SentimentTrend.Steady;
    }

    private void ApplyPrediction(CategoryPrediction prediction, string text, DateTime at, long? messageId, TriggerOptions options, CustomerMessageSignals signals)
    {
        var words = signals.WordCount;
        // Greetings and one-word replies say little about the issue; weigh messages by how much they say.
        var weight = Math.Min(1.0, Math.Max(0.2, words / 6.0));
        foreach (var (category, probability) in prediction.Probabilities)
            CategoryMass[category] = CategoryMass.GetValueOrDefault(category) + weight * probability;

        if (prediction.Category != IssueCategory.Other && prediction.Confidence >= options.Classifier.CountedConfidence && words >= 3)
            ConfidentCategories.TryAdd(prediction.Category, new Evidence(Quote(text), at, messageId));
        // The vote cannot read negation ("I don't need an agent" sits among requests), and a message
        // that names no person, team or way of reaching one does not ask for a person.
        if (HumanRequest is null && options.HumanRequest.Enabled && options.HumanRequest.ClassifierConfidence < 1 && prediction.PersonRequest >= options.HumanRequest.ClassifierConfidence
            && signals.PersonMentioned && !signals.PersonDeclined)
            HumanRequest = new Evidence($"Asks for a person ({prediction.PersonRequest:P0} of the nearest labelled messages do): \"{Quote(text)}\"", at, messageId);
        // Nor does a plain question complain ("does the calendar sync work both ways?") because its
        // nearest neighbours do: a question complains only with negative words of its own.
        if (Complaint is null && options.Sentiment.Enabled && options.Sentiment.ClassifierConfidence < 1 && prediction.Complaint >= options.Sentiment.ClassifierConfidence
            && !(signals.OpensAsQuestion && signals.Sentiment >= 0))
            Complaint = new Evidence($"Reads as a complaint ({prediction.Complaint:P0} of the nearest labelled messages do): \"{Quote(text)}\"", at, messageId);
        // Security is recall first: a fair chance of it is enough, even when another category is ahead.
        // A general question ("how do I turn on login alerts") needs a surer vote, and a disclaimer
        // ("I wasn't hacked, I just forgot my email") is believed over it.
        var securityBar = signals.OpensAsQuestion ? Math.Max(options.Security.ClassifierConfidence, options.Security.QuestionClassifierConfidence) : options.Security.ClassifierConfidence;
        if (!signals.SecurityDisclaimed && prediction.Probabilities.GetValueOrDefault(IssueCategory.Security) is var security && security >= securityBar)
            ClassifiedSecurity ??= new Evidence($"Classified as a security issue ({security:P0}): \"{Quote(text)}\"", at, messageId);

        if (prediction.Embedding is { } embedding && words >= 4)
        {
            var best = 0.0;
            foreach (var earlier in RecentEmbeddings) best = Math.Max(best, Cosine(embedding, Decode(earlier)));
            if (best >= options.Sentiment.RepeatSimilarity)
            {
                Repeats++;
                Repeat ??= new Evidence($"Said again ({best:P0} similar): \"{Quote(text)}\"", at, messageId);
            }
            Push(RecentEmbeddings, Convert.ToBase64String(MemoryMarshal.AsBytes(embedding.AsSpan())));
        }
    }

    private static bool IsAbrupt(List<int> lengths, double sentiment)
    {
        if (lengths.Count < 3 || sentiment > 0) return false;
        int a = lengths[^3], b = lengths[^2], c = lengths[^1];
        return a > b && b > c && c <= 6 && a >= 2 * c + 4;
    }

    private static void Push<T>(List<T> list, T value)
    {
        list.Add(value);
        if (list.Count > Window) list.RemoveAt(0);
    }

    private static float[] Decode(string base64) => MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(base64)).ToArray();

    private static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length) return 0;
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    internal static string Quote(string text)
    {
        var trimmed = text.Trim().ReplaceLineEndings(" ");
        return trimmed.Length <= 160 ? trimmed : trimmed[..160] + "…";
    }
}
