namespace AgentConsole.Core.Triggers.Classification;

/// <summary>
/// A customer message labelled for what it does beyond its category: whether it asks for a person
/// (directly or not), and whether it complains (frustration, sarcasm, a threat to leave or to go public).
/// </summary>
public sealed record LabelledMessage(string Text, bool AsksForPerson, bool Complains);

/// <summary>
/// Whether a message carries one label, learned from labelled messages: a similarity-weighted vote
/// of the nearest ones (<see cref="NearestExampleVote"/>). It hears what a phrase list misses, the
/// indirect request ("is there a number I can ring") and the sarcasm ("great, another delay"),
/// and learns the near misses from the messages labelled without it. The phrase rules still run:
/// either can fire.
/// </summary>
internal sealed class MessageLabelVote
{
    /// <summary>
    /// Below about this cosine similarity to its nearest labelled message, the vote does not speak
    /// for a text: the neighbours are only the least unlike, and real traffic is mostly unlike them.
    /// </summary>
    internal const double CloseSimilarity = 0.45;

    private const double CloseSoftness = 0.025;

    private readonly NearestExampleVote _vote;

    private MessageLabelVote(NearestExampleVote vote) => _vote = vote;

    /// <summary>A vote over <paramref name="embeddings"/> labelled by <paramref name="labels"/>, or null when no message has the label.</summary>
    public static MessageLabelVote? Train(IReadOnlyList<bool> labels, float[][] embeddings, int dimensions)
    {
        if (!labels.Any(l => l)) return null;
        var matrix = new float[labels.Count * dimensions];
        var indices = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            embeddings[i].AsSpan(0, dimensions).CopyTo(matrix.AsSpan(i * dimensions, dimensions));
            indices[i] = labels[i] ? 1 : 0;
        }
        return new MessageLabelVote(new NearestExampleVote(matrix, indices, dimensions));
    }

    /// <summary>
    /// The share of the nearest labelled messages' vote that carries the label, 0 to 1, fading to 0
    /// for a text that no labelled message is close to (<see cref="CloseSimilarity"/>).
    /// </summary>
    public double Probability(ReadOnlySpan<float> embedding)
    {
        Span<double> shares = stackalloc double[2];
        var nearest = _vote.Vote(embedding, shares);
        if (nearest < 0) return 0;
        var far = 1 / (1 + Math.Exp((nearest - CloseSimilarity) / CloseSoftness));
        return shares[1] * (1 - far);
    }
}
