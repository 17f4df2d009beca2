using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Settings;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Tuning;
using Microsoft.Extensions.Options;

namespace AgentConsole.Hosting;

/// <summary>A trigger setting as the admin page shows it.</summary>
/// <param name="Setting">What the setting is.</param>
/// <param name="Value">The value in effect, in canonical text.</param>
/// <param name="FileValue">The value without the stored override: the file's, or the built-in one.</param>
/// <param name="IsStored">Whether a stored value overrides the file.</param>
public sealed record SettingView(SettingDefinition Setting, string Value, string FileValue, bool IsStored, string? UpdatedBy, DateTime? UpdatedAt);

/// <summary>
/// Reads and changes the trigger settings stored in the database. A change is checked first: the
/// would-be <see cref="TriggerOptions"/> are bound from the app's configuration with the change in
/// place and run through the same validation as at start-up. Only a valid change is stored, with
/// its audit entry in the same transaction, and the configuration is then refreshed, so the
/// trigger engine uses it from its next evaluation.
/// </summary>
public sealed class StoredSettingsService(
    IConfiguration configuration,
    StoredSettingsConfigurationProvider provider,
    SettingsStore store,
    IOptionsMonitor<TriggerOptions> triggers,
    IEnumerable<IValidateOptions<TriggerOptions>> validators) : ITriggerSettingsEditor
{
    /// <summary>The editable trigger settings.</summary>
    public static readonly SettingCatalog Catalog = SettingCatalog.For<TriggerOptions>(TriggerOptions.Section);

    // One change at a time, so each is validated against the values it will be stored beside.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Every editable setting with its value in effect, its file value and whether it is stored.</summary>
    public async Task<IReadOnlyList<SettingView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var stored = (await store.ListAsync(cancellationToken)).ToDictionary(s => s.Key, StringComparer.OrdinalIgnoreCase);
        var current = triggers.CurrentValue;
        var file = Compose(new Dictionary<string, string>());
        return Catalog.Settings.Select(setting =>
        {
            var row = stored.GetValueOrDefault(setting.Key);
            return new SettingView(setting, setting.ReadCanonical(current), setting.ReadCanonical(file), row is not null, row?.UpdatedBy, row?.UpdatedAt);
        }).ToList();
    }

    /// <summary>The latest changes, newest first.</summary>
    public Task<IReadOnlyList<SettingChange>> HistoryAsync(int take = 50, CancellationToken cancellationToken = default) =>
        store.HistoryAsync(take, cancellationToken: cancellationToken);

    /// <summary>
    /// Stores what the admin typed for <paramref name="key"/> and applies it. Returns the audit
    /// entry, or null when the value in effect would not change.
    /// </summary>
    /// <exception cref="DomainException">The key is unknown, or the value cannot be read or is not valid; nothing was stored.</exception>
    public async Task<SettingChange?> SaveAsync(string key, string? input, AuditActor by, CancellationToken cancellationToken = default)
    {
        var setting = Find(key);
        if (!SettingValues.TryParseInput(setting, input, out var canonical, out var error)) throw new DomainException(error);
        return await ChangeAsync(setting, canonical, by, cancellationToken);
    }

    /// <inheritdoc />
    public TriggerOptions Current => triggers.CurrentValue;

    /// <inheritdoc />
    public async Task<TriggerOptions> PreviewAsync(string key, string canonical, CancellationToken cancellationToken = default)
    {
        var setting = Find(key);
        var stored = new Dictionary<string, string>(await ReadStoredAsync(cancellationToken), StringComparer.OrdinalIgnoreCase) { [setting.Key] = canonical };
        var preview = Compose(stored);
        var problems = Validate(preview);
        if (problems.Count > 0) throw new DomainException($"Not valid: {string.Join(" ", problems)}");
        return preview;
    }

    /// <inheritdoc />
    public async Task<SettingChange?> ApplyAsync(string key, string canonical, AuditActor by,
        Func<AgentConsoleDbContext, SettingChange, CancellationToken, Task> alongside, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        ArgumentNullException.ThrowIfNull(alongside);
        return await ChangeAsync(Find(key), canonical, by, cancellationToken, alongside);
    }

    /// <summary>Removes the stored value of <paramref name="key"/>, so the file's value applies again.</summary>
    /// <exception cref="DomainException">The key is unknown or has no stored value, or the file's value is not valid.</exception>
    public async Task<SettingChange?> ResetAsync(string key, AuditActor by, CancellationToken cancellationToken = default) =>
        await ChangeAsync(Find(key), null, by, cancellationToken);

    /// <summary>
    /// The trigger options as they would be with <paramref name="stored"/> as the stored values:
    /// the app's configuration sources in their order, with the stored settings' place taken by
    /// <paramref name="stored"/>, bound as the options system binds them, with the built-in phrase
    /// lists where configuration sets none.
    /// </summary>
    public TriggerOptions Compose(IReadOnlyDictionary<string, string> stored)
    {
        var root = configuration as IConfigurationRoot ?? throw new InvalidOperationException("The app's configuration is not a configuration root.");
        var preview = StoredSettingsConfigurationProvider.Holding(stored);
        var found = false;
        var providers = root.Providers.Select(p =>
        {
            if (!ReferenceEquals(p, provider)) return p;
            found = true;
            return preview;
        }).ToList();
        if (!found) throw new InvalidOperationException("The stored settings are not among the configuration sources; call AddAdminServices.");

        var options = new TriggerOptions();
        try
        {
            new LayeredConfiguration(providers).GetSection(TriggerOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new DomainException($"The trigger settings cannot be read: {e.Message}");
        }
        TriggerVocabulary.FillUnsetLists(options);
        return options;
    }

    /// <summary>The problems with <paramref name="options"/>, as the options system would find them at start-up.</summary>
    public IReadOnlyList<string> Validate(TriggerOptions options) =>
        validators.Select(v => v.Validate(Options.DefaultName, options)).Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();

    private static SettingDefinition Find(string key) =>
        Catalog.Find(key) ?? throw new DomainException($"'{key}' is not a trigger setting that can be changed here.");

    private async Task<SettingChange?> ChangeAsync(SettingDefinition setting, string? canonical, AuditActor by, CancellationToken cancellationToken,
        Func<AgentConsoleDbContext, SettingChange, CancellationToken, Task>? alongside = null)
    {
        ArgumentNullException.ThrowIfNull(by);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var stored = new Dictionary<string, string>(await ReadStoredAsync(cancellationToken), StringComparer.OrdinalIgnoreCase);
            if (canonical is null && !stored.ContainsKey(setting.Key)) throw new DomainException($"{setting.Key} already has the file's value.");

            var oldValue = setting.ReadCanonical(Compose(stored));
            if (canonical is null) stored.Remove(setting.Key);
            else stored[setting.Key] = canonical;
            var after = Compose(stored);
            var newValue = setting.ReadCanonical(after);

            if (canonical is not null && newValue != canonical)
                throw new DomainException($"{setting.Key} is set by a source that overrides stored settings (an environment variable or the command line), so a stored value would have no effect.");
            if (canonical is not null && newValue == oldValue) return null;

            var problems = Validate(after);
            if (problems.Count > 0) throw new DomainException($"Not saved: {string.Join(" ", problems)}");

            var change = await store.WriteAsync(setting.Key, canonical, oldValue, newValue, by, cancellationToken, alongside);
            provider.Refresh();
            return change;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> ReadStoredAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken)).ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase);
}
