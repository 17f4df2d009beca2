using AgentConsole.Core.Common;
using Microsoft.Extensions.Options;

namespace AgentConsole.Hosting;

/// <summary>Binds an options class to its section of the root configuration and validates it at start-up.</summary>
public static class SectionOptions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and checks it with
    /// <typeparamref name="TValidator"/> (a source-generated validator that reaches nested sections),
    /// at start-up and whenever the options are rebuilt. A failure names the setting's path.
    /// </summary>
    public static OptionsBuilder<TOptions> AddSectionOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>, new()
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(section, new TValidator()));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }
}
