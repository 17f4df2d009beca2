using System.ComponentModel.DataAnnotations;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// On <see cref="RoutingPolicyOptions.AffinityWeight"/>: the affinity term, together with every
/// other term that can favour the same less proficient agent (a free agent's spare capacity and
/// the outcome term's whole spread, <c>2 × 10 × Learning:Weight</c>), stays below one level of
/// proficiency, so affinity never outranks skill. With the term off (weight or days 0) any
/// learning weight is accepted.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AffinityBelowProficiencyAttribute : ValidationAttribute
{
    /// <summary>The most points that may favour a less proficient agent besides proficiency itself.</summary>
    public static double Headroom(RoutingPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var outcomeSpread = options.Learning.Enabled ? 2 * OutcomeTerm.PointsPerWeight * options.Learning.Weight : 0;
        return AffinityTerm.PointsPerWeight * options.AffinityWeight + AgentScorer.SpareCapacityWeight + outcomeSpread;
    }

    /// <inheritdoc/>
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (validationContext.ObjectInstance is not RoutingPolicyOptions options || !AffinityTerm.Enabled(options)
            || Headroom(options) < AgentScorer.ProficiencyWeight)
            return ValidationResult.Success;
        return new ValidationResult(
            $"{validationContext.DisplayName} with Learning:Weight could outrank a level of proficiency: 10 × AffinityWeight + 10 + 20 × Learning:Weight must stay below 100. Lower either, or set AffinityWeight to 0.",
            validationContext.MemberName is { } member ? [member] : null);
    }
}
