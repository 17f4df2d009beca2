using System.Text.Json.Serialization;

namespace AgentConsole.Core.Schedules;

/// <summary>The kinds of exception to a rotation's order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OverrideKind>))]
public enum OverrideKind
{
    /// <summary>Another agent covers a member's shifts from..to.</summary>
    Swap,
    /// <summary>A member is away from..to; the next member in order covers.</summary>
    Holiday,
}

/// <summary>
/// An exception to a rotation, for the UTC interval [<see cref="From"/>, <see cref="To"/>): a swap
/// (<see cref="CoverAgentId"/> covers for <see cref="AgentId"/>) or a holiday (<see cref="AgentId"/>
/// is away and the next member in order covers).
/// </summary>
public sealed class RotationOverride
{
    /// <summary>For the store.</summary>
    public RotationOverride() { }

    /// <summary>An override; <paramref name="coverAgentId"/> is required for a swap and ignored for a holiday.</summary>
    public RotationOverride(OverrideKind kind, Guid agentId, DateTime from, DateTime to, Guid? coverAgentId = null)
    {
        Kind = kind;
        AgentId = agentId;
        From = from;
        To = to;
        CoverAgentId = kind == OverrideKind.Swap ? coverAgentId : null;
    }

    /// <summary>A swap or a holiday.</summary>
    public OverrideKind Kind { get; set; }

    /// <summary>The member whose shifts are covered (swap) or who is away (holiday).</summary>
    public Guid AgentId { get; set; }

    /// <summary>For a swap, the agent who covers.</summary>
    public Guid? CoverAgentId { get; set; }

    /// <summary>Start, inclusive (UTC).</summary>
    public DateTime From { get; set; }

    /// <summary>End, exclusive (UTC).</summary>
    public DateTime To { get; set; }

    /// <summary>Whether the override applies at <paramref name="utc"/>.</summary>
    public bool Covers(DateTime utc) => From <= utc && utc < To;
}
