namespace AgentConsole.Core.Common;

/// <summary>Helpers for the UTC <see cref="DateTime"/> values that the store keeps.</summary>
public static class TimeExtensions
{
    /// <summary>The current instant as a UTC <see cref="DateTime"/>.</summary>
    public static DateTime UtcNowDateTime(this TimeProvider time) => time.GetUtcNow().UtcDateTime;

    /// <summary>Guards that a <see cref="DateTime"/> is UTC, so no local time reaches the store.</summary>
    public static DateTime EnsureUtc(this DateTime value, string name) =>
        value.Kind == DateTimeKind.Utc ? value : throw new ArgumentException($"{name} must be a UTC time.", name);
}
