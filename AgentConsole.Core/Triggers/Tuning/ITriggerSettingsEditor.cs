using AgentConsole.Core.Audit;
using AgentConsole.Core.Data;
using AgentConsole.Core.Settings;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>
/// The stored, audited trigger settings, as the tuning uses them: the values in effect, a preview
/// with one value changed, and a validated change written with its audit entry. The host
/// implements it over its configuration.
/// </summary>
public interface ITriggerSettingsEditor
{
    /// <summary>The trigger options in effect, with every phrase list filled in.</summary>
    TriggerOptions Current { get; }

    /// <summary>The trigger options as they would be with <paramref name="canonical"/> stored at <paramref name="key"/>.</summary>
    /// <exception cref="Common.DomainException">The key is unknown or the value would not be valid.</exception>
    Task<TriggerOptions> PreviewAsync(string key, string canonical, CancellationToken cancellationToken = default);

    /// <summary>
    /// Validates and stores <paramref name="canonical"/> at <paramref name="key"/> by
    /// <paramref name="by"/>, with its history and audit entries; <paramref name="alongside"/> runs in the
    /// same transaction, before it commits, and a throw from it stores nothing. Returns the audit
    /// entry, or null (without running <paramref name="alongside"/>) when the value in effect would not change.
    /// </summary>
    /// <exception cref="Common.DomainException">The key is unknown or the value is not valid; nothing was stored.</exception>
    Task<SettingChange?> ApplyAsync(string key, string canonical, AuditActor by,
        Func<AgentConsoleDbContext, SettingChange, CancellationToken, Task> alongside, CancellationToken cancellationToken = default);
}
