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

    /// <summary>Whether simulated customers chat through the widget, so the console has live traffic.</summary>
    public bool LiveTraffic { get; set; } = true;

    /// <summary>Seconds between new simulated customers.</summary>
    [Range(1, 3600)]
    public int TrafficIntervalSeconds { get; set; } = 30;

    /// <summary>Whether the demo agents work cases while no human agent has the console open.</summary>
    public bool Agents { get; set; } = true;

    /// <summary>About how many seconds a demo agent takes for each step of a case (accept, reply, follow up, resolve).</summary>
    [Range(1, 3600)]
    public int AgentPaceSeconds { get; set; } = 15;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && (ApiKey is null || ApiKey.Length < 16))
            yield return new ValidationResult("Demo:ApiKey must be at least 16 characters while demo mode is on.", [nameof(ApiKey)]);
    }
}
