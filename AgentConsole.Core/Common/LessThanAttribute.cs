using System.ComponentModel.DataAnnotations;

namespace AgentConsole.Core.Common;

/// <summary>A value is below another property of the same object, such as a warning below its breach.</summary>
/// <param name="otherProperty">The name of the property the value must stay below.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LessThanAttribute(string otherProperty) : ValidationAttribute
{
    /// <summary>The name of the property the value must stay below.</summary>
    public string OtherProperty { get; } = otherProperty;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var other = validationContext.ObjectType.GetProperty(OtherProperty)
            ?? throw new InvalidOperationException($"{validationContext.ObjectType.Name} has no property {OtherProperty}.");
        if (value is IComparable comparable && comparable.CompareTo(other.GetValue(validationContext.ObjectInstance)) < 0)
            return ValidationResult.Success;
        return new ValidationResult($"{validationContext.DisplayName} must be below {OtherProperty}.",
            validationContext.MemberName is { } member ? [member] : null);
    }
}
