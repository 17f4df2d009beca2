using System.ComponentModel.DataAnnotations;

namespace AgentConsole.Core.Delivery;

/// <summary>How webhooks are delivered to external bots: the <c>Delivery</c> section of <c>appsettings.json</c>.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>How long one HTTP attempt may take before it counts as failed.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Quick retries inside one attempt, by the HTTP client's resilience handler (exponential
    /// backoff with jitter from one second), before the outbox schedules the next attempt.
    /// </summary>
    [Range(0, 5)]
    public int QuickRetries { get; set; } = 2;

    /// <summary>The outbox's wait after the first failed attempt; it doubles with each failure, with jitter.</summary>
    [Range(1, 3600)]
    public int InitialBackoffSeconds { get; set; } = 10;

    /// <summary>The longest wait between two attempts.</summary>
    [Range(1, 86_400)]
    public int MaxBackoffSeconds { get; set; } = 300;

    /// <summary>
    /// How long a delivery may keep failing before it is parked: then the conversation's later
    /// events go ahead, and the admin may retry it from the integrations page.
    /// </summary>
    [Range(1, 43_200)]
    public int ParkAfterMinutes { get; set; } = 1440;

    /// <summary>How many conversations' webhooks are sent at once.</summary>
    [Range(1, 64)]
    public int MaxParallelDeliveries { get; set; } = 4;

    /// <summary>An agent's typing is reported at most once per case in this many seconds.</summary>
    [Range(0, 300)]
    public int TypingIntervalSeconds { get; set; } = 5;

    /// <summary>How often the dispatcher looks at the outbox even when nothing in this process woke it (rows written by another node).</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 30;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
    public TimeSpan InitialBackoff => TimeSpan.FromSeconds(InitialBackoffSeconds);
    public TimeSpan MaxBackoff => TimeSpan.FromSeconds(MaxBackoffSeconds);
    public TimeSpan ParkAfter => TimeSpan.FromMinutes(ParkAfterMinutes);
    public TimeSpan TypingInterval => TimeSpan.FromSeconds(TypingIntervalSeconds);
    public TimeSpan Poll => TimeSpan.FromSeconds(PollSeconds);
}
