using System.ComponentModel.DataAnnotations;
using AgentConsole.Core.Conversations;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// The <c>Routing:OwnerRouting</c> section: which owned accounts get owner routing
/// (<see cref="OwnerSteps"/>). An owned account qualifies when it reaches either threshold that is
/// set: its tier is <see cref="MinTier"/> or above, or its annual contract value is
/// <see cref="MinValue"/> or more. With neither set, every owned account qualifies. Shipped:
/// Enterprise, or 50,000 a year.
/// </summary>
public sealed class OwnerRoutingOptions
{
    /// <summary>The lowest tier whose owned accounts go to their owner first; null = tier does not qualify an account.</summary>
    [EnumDataType(typeof(CustomerTier))] public CustomerTier? MinTier { get; set; }

    /// <summary>The lowest annual contract value whose owned accounts go to their owner first; null = value does not qualify an account.</summary>
    [Range(0d, 1_000_000_000_000d)] public decimal? MinValue { get; set; }

    /// <summary>Whether an owned account of <paramref name="tier"/> worth <paramref name="value"/> a year qualifies.</summary>
    public bool Qualifies(CustomerTier tier, decimal value) =>
        (MinTier is null && MinValue is null) || tier >= MinTier || value >= MinValue;
}
