using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Common;

/// <summary>
/// Runs an options validator (a source-generated <see cref="OptionsValidatorAttribute"/> one) with
/// the configuration section as the name of the options, so each failure names the setting by its
/// path in configuration: "The field Triggers.Sentiment.FrustrationThreshold must be between 0 and 1."
/// rather than by the class that holds it.
/// </summary>
/// <typeparam name="TOptions">The options bound from <paramref name="section"/>.</typeparam>
/// <param name="section">The configuration section, such as <c>Triggers</c>.</param>
/// <param name="validator">The validator to run.</param>
public sealed class SectionValidator<TOptions>(string section, IValidateOptions<TOptions> validator) : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        validator.Validate(string.IsNullOrEmpty(name) ? section : $"{section}[{name}]", options);
}
