using System.ComponentModel.DataAnnotations;

namespace AgentConsole.Hosting;

/// <summary>The <c>Demo</c> section: demo data, demo logins and the demo bot's API key.</summary>
public sealed class DemoOptions : IValidatableObject
{
    public const string Section = "Demo";

    /// <summary>Seeds the demo data and enables the demo integration's key.</summary>
    public bool Enabled { get; set; }

    /// <summary>The demo integration's API key. It works only while <see cref="Enabled"/> is on.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Whether the demo bot plays scripted conversations, so the console has live traffic.</summary>
    public bool LiveTraffic { get; set; } = true;

    /// <summary>Seconds between the demo bot's turns.</summary>
    [Range(1, 3600)]
    public int TrafficIntervalSeconds { get; set; } = 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && (ApiKey is null || ApiKey.Length < 16))
            yield return new ValidationResult("Demo:ApiKey must be at least 16 characters while demo mode is on.", [nameof(ApiKey)]);
    }
}
