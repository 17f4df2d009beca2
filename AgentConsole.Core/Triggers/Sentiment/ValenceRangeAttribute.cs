using System.ComponentModel.DataAnnotations;

namespace AgentConsole.Core.Triggers.Sentiment;

/// <summary>
/// Every valence in a map of sentiment terms lies within ±<see cref="SentimentLexicon.MaxValence"/>;
/// the message names the term and the setting.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class ValenceRangeAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is not IEnumerable<KeyValuePair<string, double>> terms) return ValidationResult.Success;
        foreach (var (term, valence) in terms)
        {
            if (!double.IsFinite(valence) || Math.Abs(valence) > SentimentLexicon.MaxValence)
                return new ValidationResult(
                    $"'{term}' in {validationContext.DisplayName} must have a valence between -{SentimentLexicon.MaxValence} and {SentimentLexicon.MaxValence}.",
                    validationContext.MemberName is { } member ? [member] : null);
        }
        return ValidationResult.Success;
    }
}
