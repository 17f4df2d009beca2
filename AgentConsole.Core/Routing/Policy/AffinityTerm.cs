using System.Collections.Immutable;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>The agent who last resolved a case of a customer, and when (UTC).</summary>
public readonly record struct RecentHelper(Guid AgentId, DateTime ResolvedAt);

/// <summary>
/// Score term <c>affinity</c>: a returning customer prefers the agent who resolved their last case
/// within <see cref="RoutingPolicyOptions.AffinityDays"/>. It adds <c>10 × AffinityWeight</c>
/// points to that agent only, at most 80, which with the spare-capacity term's 10 stays below one
/// level of proficiency (100): like every
/// term it only reorders agents whom the filters already found eligible (skill, presence,
/// capacity), and it never outranks a more proficient agent. The table of helpers is immutable and
/// swapped whole with <see cref="Use"/> (or one customer at a time with <see cref="Record"/>)
/// between decisions, so a decision and its explanation see the same table.
/// </summary>
public sealed class AffinityTerm : IScoreTerm
{
    /// <summary>The term's name.</summary>
    public const string TermName = "affinity";

    /// <summary>Points per unit of weight.</summary>
    public const double PointsPerWeight = AgentScorer.SpareCapacityWeight;

    private ImmutableDictionary<Guid, RecentHelper> _helpers = ImmutableDictionary<Guid, RecentHelper>.Empty;

    /// <summary>A term with <paramref name="options"/>' window and weight.</summary>
    public AffinityTerm(RoutingPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Window = TimeSpan.FromDays(options.AffinityDays);
        Weight = options.AffinityWeight;
    }

    /// <summary>How long a resolution counts.</summary>
    public TimeSpan Window { get; }

    /// <summary>The weight.</summary>
    public double Weight { get; }

    /// <summary>The last helper per customer.</summary>
    public ImmutableDictionary<Guid, RecentHelper> Helpers => Volatile.Read(ref _helpers);

    /// <inheritdoc/>
    public string Name => TermName;

    /// <summary>Whether the term takes part in routing, by <paramref name="options"/>.</summary>
    public static bool Enabled(RoutingPolicyOptions options) => options.AffinityDays > 0 && options.AffinityWeight > 0;

    /// <summary>Swaps in a whole table, as rebuilt from the store.</summary>
    public void Use(ImmutableDictionary<Guid, RecentHelper> helpers)
    {
        ArgumentNullException.ThrowIfNull(helpers);
        Volatile.Write(ref _helpers, helpers);
    }

    /// <summary><paramref name="agentId"/> resolved a case of <paramref name="customerId"/> at <paramref name="at"/>.</summary>
    public void Record(Guid customerId, Guid agentId, DateTime at) => Use(Helpers.SetItem(customerId, new RecentHelper(agentId, at)));

    /// <inheritdoc/>
    public double Value(AgentSnapshot agent, CaseToRoute @case, DateTime now) =>
        HelperOf(@case, now) is { } helper && helper.AgentId == agent.Id ? PointsPerWeight * Weight : 0;

    /// <inheritdoc/>
    public double MaxValue(CaseToRoute @case, DateTime now) => HelperOf(@case, now) is null ? 0 : PointsPerWeight * Weight;

    /// <inheritdoc/>
    public string Describe(AgentSnapshot agent, CaseToRoute @case, DateTime now)
    {
        if (HelperOf(@case, now) is not { } helper || helper.AgentId != agent.Id) return "No recent case with this customer";
        var days = (int)Math.Max(0, (now - helper.ResolvedAt).TotalDays);
        return days switch
        {
            0 => "helped this customer today",
            1 => "helped this customer 1 day ago",
            _ => $"helped this customer {days} days ago",
        };
    }

    private RecentHelper? HelperOf(CaseToRoute @case, DateTime now) =>
        @case.Account is { } account && Helpers.TryGetValue(account.CustomerId, out var helper) && now - helper.ResolvedAt <= Window ? helper : null;
}
