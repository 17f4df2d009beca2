using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;

namespace AgentConsole.Core.Staffing.Simulation;

/// <summary>
/// A what-if change to the simulated roster: <see cref="Count"/> more agents of <see cref="Tier"/> in
/// <see cref="Team"/>, written <c>Team:Tier:Count</c> ("Billing:Specialist:2"). The added agents copy the
/// skills and capacity of one of the team's agents of that tier (else of the team's first agent), and are
/// on duty in every hour the team's roster schedules anyone that day (the whole day when it schedules nobody).
/// </summary>
public sealed record RosterChange(string Team, AgentTier Tier, int Count)
{
    /// <summary>The most agents one change may add.</summary>
    public const int MaxCount = 1000;

    /// <summary>Reads <c>Team:Tier:Count</c>; the team is matched by name later, ignoring case.</summary>
    /// <exception cref="DomainException">Not of that form, an unknown tier or a count outside 1 to <see cref="MaxCount"/>.</exception>
    public static RosterChange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || parts[0].Length == 0)
            throw new DomainException($"'{text}' is not a roster change: write Team:Tier:Count, such as \"Billing:Specialist:2\".");
        if (!Enum.TryParse<AgentTier>(parts[1], ignoreCase: true, out var tier) || !Enum.IsDefined(tier) || int.TryParse(parts[1], out _))
            throw new DomainException($"'{parts[1]}' is not a tier: one of {string.Join(", ", Enum.GetNames<AgentTier>())}.");
        if (!int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxCount)
            throw new DomainException($"'{parts[2]}' is not a number of agents from 1 to {MaxCount}.");
        return new RosterChange(parts[0], tier, count);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Team}:{Tier}:{Count}";
}

/// <summary>What to simulate: a desk day, its arrivals (the stored ones, or drawn from the forecast), the roster and any changes to it.</summary>
/// <param name="Date">The desk day.</param>
/// <param name="Roster">The roster version the agents on duty come from.</param>
/// <param name="Forecast">Draw Poisson arrivals from the forecast instead of replaying the day's stored arrivals.</param>
/// <param name="Seed">The seed of every random draw: arrivals, handle times, patience.</param>
public sealed record SimulationRequest(DateOnly Date, RosterVersion Roster = RosterVersion.Published, bool Forecast = false, int Seed = 1)
{
    /// <summary>Agents to add.</summary>
    public IReadOnlyList<RosterChange> Add { get; init; } = [];

    /// <summary>When set, exactly these agents (by name, ignoring case) count as on call; when null, the stored on-call flags hold.</summary>
    public IReadOnlyList<string>? OnCall { get; init; }

    /// <summary>Rosters to use instead of the stored ones, by team (168 counts each): a draft being edited and not yet saved.</summary>
    public IReadOnlyDictionary<Guid, int[]>? RosterOverride { get; init; }
}
