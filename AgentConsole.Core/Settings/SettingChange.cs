using AgentConsole.Core.Common;

namespace AgentConsole.Core.Settings;

/// <summary>
/// One entry in the settings audit: who changed which key when, from which effective value to
/// which. Values are canonical text (<see cref="SettingValues"/>). Rows are only ever added.
/// </summary>
public sealed class SettingChange
{
    private SettingChange() { }

    public SettingChange(string key, string oldValue, string newValue, bool reset, string changedBy, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(changedBy);
        Key = key;
        OldValue = oldValue;
        NewValue = newValue;
        Reset = reset;
        ChangedBy = changedBy;
        ChangedAt = now.EnsureUtc(nameof(now));
    }

    public long Id { get; private set; }
    public string Key { get; private set; } = "";
    /// <summary>The value in effect before the change.</summary>
    public string OldValue { get; private set; } = "";
    /// <summary>The value in effect after the change.</summary>
    public string NewValue { get; private set; } = "";
    /// <summary>Whether the change removed the stored value, so the file's value applies again.</summary>
    public bool Reset { get; private set; }
    public string ChangedBy { get; private set; } = "";
    public DateTime ChangedAt { get; private set; }
}
