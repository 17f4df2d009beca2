using System.ComponentModel.DataAnnotations;

namespace AgentConsole.Core.Common;

/// <summary>Checks that a value names a time zone the system knows.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TimeZoneIdAttribute : ValidationAttribute
{
    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string id || TimeZoneInfo.TryFindSystemTimeZoneById(id, out _)
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.DisplayName} must name a time zone, such as \"Europe/Berlin\"; '{id}' is not one.",
                validationContext.MemberName is { } member ? [member] : null);
}
