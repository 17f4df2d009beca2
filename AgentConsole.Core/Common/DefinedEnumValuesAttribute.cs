using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace AgentConsole.Core.Common;

/// <summary>Every item of a list of enum values is a value its enum defines; the message names the first that is not.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class DefinedEnumValuesAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is not IEnumerable items) return ValidationResult.Success;
        foreach (var item in items)
        {
            if (item is Enum known && !Enum.IsDefined(known.GetType(), known))
                return new ValidationResult($"{validationContext.DisplayName} holds {item}, which is not a known {known.GetType().Name}.",
                    validationContext.MemberName is { } member ? [member] : null);
        }
        return ValidationResult.Success;
    }
}
