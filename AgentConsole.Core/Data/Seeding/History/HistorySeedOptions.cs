namespace AgentConsole.Core.Data.Seeding.History;

/// <summary>What <see cref="HistorySeeder"/> generates: how many cases over how many days up to when, from which seed.</summary>
/// <param name="Cases">Escalated cases to generate; the bot keeps about one and a half conversations for each.</param>
/// <param name="Days">Days of history, ending at <paramref name="End"/>.</param>
/// <param name="Seed">The random seed: the same seed, size and end give the same history.</param>
/// <param name="End">The instant the history stops (UTC): every case is resolved by then.</param>
public sealed record HistorySeedOptions(int Cases, int Days, int Seed, DateTime End)
{
    /// <summary>Bot-only conversations per escalated case: an escalation rate of 40%.</summary>
    public const double BotOnlyPerCase = 1.5;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (Cases is < 1 or > 10_000_000) throw new ArgumentOutOfRangeException(nameof(Cases), Cases, "Cases is 1 to 10,000,000.");
        if (Days is < 1 or > 3660) throw new ArgumentOutOfRangeException(nameof(Days), Days, "Days is 1 to 3660.");
        if (End.Kind != DateTimeKind.Utc) throw new ArgumentException("The end is a UTC instant.", nameof(End));
    }
}
