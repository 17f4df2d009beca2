using AgentConsole.Core.Common;

namespace AgentConsole.Core.Settings;

/// <summary>
/// A setting stored in the database that overrides the configuration file, keyed by its
/// configuration path (<c>Triggers:Sentiment:FrustrationThreshold</c>). The value is the canonical
/// text of <see cref="SettingValues"/>: a scalar as invariant text, a list as a JSON array, a map
/// as a JSON object.
/// </summary>
public sealed class StoredSetting
{
    /// <summary>The longest configuration path accepted.</summary>
    public const int MaxKeyLength = 256;

    private StoredSetting() { }

    public StoredSetting(string key, string value, string changedBy, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Length > MaxKeyLength) throw new DomainException($"A setting key may have at most {MaxKeyLength} characters.");
        Key = key;
        Change(value, changedBy, now);
    }

    public string Key { get; private set; } = "";
    public string Value { get; private set; } = "";
    public string UpdatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }

    /// <summary>Replaces the stored value.</summary>
    public void Change(string value, string changedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(changedBy);
        Value = value;
        UpdatedBy = changedBy;
        UpdatedAt = now.EnsureUtc(nameof(now));
    }
}
