using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Data.Seeding.History;

/// <summary>The draws a generated history makes, all from one seeded <see cref="Random"/>, so a seed replays the same history.</summary>
internal sealed class HistoryRandom(int seed)
{
    // Conversations start more often in working hours (UTC) than at night.
    private static readonly double[] HourWeights =
        [0.3, 0.2, 0.2, 0.2, 0.3, 0.5, 0.8, 1.2, 1.8, 2.2, 2.4, 2.3, 2.0, 2.2, 2.4, 2.3, 2.0, 1.6, 1.2, 1.0, 0.8, 0.6, 0.5, 0.4];

    private static readonly (IssueCategory Category, double Weight)[] EscalatedCategories =
    [
        (IssueCategory.Billing, 25), (IssueCategory.Technical, 22), (IssueCategory.AccountAccess, 12), (IssueCategory.Security, 6),
        (IssueCategory.ProductQuestion, 8), (IssueCategory.Integration, 12), (IssueCategory.Cancellation, 10), (IssueCategory.Other, 5),
    ];

    private static readonly (IssueCategory Category, double Weight)[] BotCategories =
    [
        (IssueCategory.ProductQuestion, 30), (IssueCategory.Technical, 20), (IssueCategory.AccountAccess, 20), (IssueCategory.Billing, 15),
        (IssueCategory.Integration, 5), (IssueCategory.Other, 10),
    ];

    public Random Random { get; } = new(seed);

    public bool Chance(double p) => Random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    /// <summary>A duration whose median is <paramref name="median"/>, spread log-normally, at most <paramref name="max"/>.</summary>
    public TimeSpan LogNormal(TimeSpan median, double sigma, TimeSpan max)
    {
        // Box-Muller.
        var normal = Math.Sqrt(-2 * Math.Log(1 - Random.NextDouble())) * Math.Cos(2 * Math.PI * Random.NextDouble());
        var seconds = median.TotalSeconds * Math.Exp(sigma * normal);
        return TimeSpan.FromSeconds(Math.Clamp(Math.Round(seconds), 1, max.TotalSeconds));
    }

    public TimeSpan Seconds(int min, int max) => TimeSpan.FromSeconds(Random.Next(min, max + 1));

    /// <summary>An instant between <paramref name="from"/> and <paramref name="to"/>, more often in working hours; whole seconds.</summary>
    public DateTime Start(DateTime from, DateTime to)
    {
        while (true)
        {
            var at = from.AddSeconds(Math.Floor(Random.NextDouble() * (to - from).TotalSeconds));
            if (Random.NextDouble() * 2.4 < HourWeights[at.Hour]) return at;
        }
    }

    public IssueCategory Category(bool escalated) => Weighted(escalated ? EscalatedCategories : BotCategories);

    /// <summary>A CSAT score: escalated conversations rate a little lower and more widely than the bot's easy wins.</summary>
    public int Score(bool escalated) => Random.NextDouble() switch
    {
        < 0.05 => 1,
        var p when p < (escalated ? 0.15 : 0.10) => 2,
        var p when p < (escalated ? 0.35 : 0.25) => 3,
        var p when p < (escalated ? 0.70 : 0.60) => 4,
        _ => 5,
    };

    /// <summary>
    /// A version 7 id for something made at <paramref name="at"/>, as <see cref="System.Guid.CreateVersion7()"/> makes
    /// the app's (time-ordered, so ids of later rows sort later and inserts append to the indexes), with the random part drawn
    /// from the seed.
    /// </summary>
    public Guid Guid(DateTime at)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.NextBytes(bytes);
        var milliseconds = new DateTimeOffset(at).ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private IssueCategory Weighted((IssueCategory Category, double Weight)[] table)
    {
        var x = Random.NextDouble() * table.Sum(t => t.Weight);
        foreach (var (category, weight) in table)
        {
            if ((x -= weight) < 0) return category;
        }
        return table[^1].Category;
    }
}
