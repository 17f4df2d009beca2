namespace AgentConsole.Core.Data.Seeding.History;

/// <summary>What <see cref="HistorySeeder"/> stored.</summary>
/// <param name="Conversations">Conversations, bot-only and escalated.</param>
/// <param name="Cases">Cases, every one resolved.</param>
/// <param name="From">The first conversation's start (UTC).</param>
/// <param name="To">The last conversation's start (UTC).</param>
/// <param name="Elapsed">How long generating and storing took.</param>
public sealed record HistorySeedResult(int Conversations, int Cases, DateTime From, DateTime To, TimeSpan Elapsed);
