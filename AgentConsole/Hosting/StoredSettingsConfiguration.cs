using AgentConsole.Core.Settings;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace AgentConsole.Hosting;

/// <summary>
/// Settings stored in the database, as a configuration provider placed right after the root
/// <c>appsettings*.json</c>: a stored value overrides the file; environment variables and the
/// command line still override both. Lists are expanded to <c>key:0</c>, <c>key:1</c>…, and a
/// stored list or map replaces the file's whole: configuration would otherwise merge the two by
/// index or key, so the provider hides the entries of the sources below it under that key.
/// <para>
/// It reads nothing until <see cref="Connect"/> gives it a reader, which the host does once the
/// migrations have run, and it treats a store without the table as empty. <see cref="Refresh"/>
/// reads the store again and signals the change, so <c>IOptionsMonitor</c> users see new values
/// without a restart.
/// </para>
/// </summary>
public sealed class StoredSettingsConfigurationProvider : ConfigurationProvider
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    private volatile Func<IReadOnlyDictionary<string, string>>? _reader;
    private volatile IReadOnlyDictionary<string, string> _stored = Empty;
    private volatile HashSet<string> _wholeValues = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The stored values as last loaded, by key, in canonical text.</summary>
    public IReadOnlyDictionary<string, string> Stored => _stored;

    /// <summary>Whether a reader is connected.</summary>
    public bool IsConnected => _reader is not null;

    /// <summary>A provider loaded with <paramref name="stored"/>, for previewing the settings with other stored values.</summary>
    public static StoredSettingsConfigurationProvider Holding(IReadOnlyDictionary<string, string> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var provider = new StoredSettingsConfigurationProvider();
        provider.Connect(() => stored);
        provider.Load();
        return provider;
    }

    /// <summary>Gives the provider its reader; call <see cref="Refresh"/> to load.</summary>
    public void Connect(Func<IReadOnlyDictionary<string, string>> reader) => _reader = reader ?? throw new ArgumentNullException(nameof(reader));

    public override void Load()
    {
        var stored = Read();
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var wholeValues = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in stored)
        {
            foreach (var (path, item) in SettingValues.Expand(key, value)) data[path] = item;
            if (SettingValues.IsListOrMap(value)) wholeValues.Add(key);
        }
        Data = data;
        _wholeValues = wholeValues;
        _stored = stored;
    }

    /// <summary>
    /// The keys under <paramref name="parentPath"/>. Under a stored list or map they are the stored
    /// entries alone: the keys of the sources below (<paramref name="earlierKeys"/>) are dropped.
    /// </summary>
    public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) =>
        base.GetChildKeys(parentPath is not null && _wholeValues.Contains(parentPath) ? [] : earlierKeys, parentPath);

    /// <summary>Reads the store again and tells configuration listeners that values changed.</summary>
    public void Refresh()
    {
        Load();
        OnReload();
    }

    private IReadOnlyDictionary<string, string> Read()
    {
        if (_reader is not { } reader) return Empty;
        try
        {
            return reader();
        }
        catch (Exception e) when (e is SqliteException { SqliteErrorCode: 1 } && e.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase)
                                   || e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UndefinedTable })
        {
            // Before the migrations have run there is nothing stored yet.
            return Empty;
        }
    }
}

/// <summary>Hands the configuration system the one <see cref="StoredSettingsConfigurationProvider"/>.</summary>
/// <remarks>
/// The configuration manager builds its providers again whenever a source is added; returning the
/// same instance keeps one provider that the host can connect and refresh.
/// </remarks>
public sealed class StoredSettingsConfigurationSource(StoredSettingsConfigurationProvider provider) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => provider;
}

/// <summary>Places the stored settings among the configuration sources.</summary>
public static class StoredSettingsConfigurationExtensions
{
    /// <summary>
    /// Inserts <paramref name="provider"/> right after the last <c>appsettings*.json</c> source, or
    /// at the end when there is none.
    /// </summary>
    public static IConfigurationBuilder AddStoredSettings(this IConfigurationBuilder configuration, StoredSettingsConfigurationProvider provider)
    {
        var sources = configuration.Sources;
        var index = sources.Count;
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } && Path.GetFileName(path).StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                index = i + 1;
                break;
            }
        }
        sources.Insert(index, new StoredSettingsConfigurationSource(provider));
        return configuration;
    }
}

/// <summary>
/// A read-only view over configuration providers that are already loaded, for previewing what
/// the options would be with other stored values. Unlike a new <c>ConfigurationRoot</c>, it does
/// not load (and so reload and signal) the app's providers.
/// </summary>
internal sealed class LayeredConfiguration(IList<IConfigurationProvider> providers) : IConfigurationRoot
{
    public IEnumerable<IConfigurationProvider> Providers => providers;

    public string? this[string key]
    {
        get
        {
            for (var i = providers.Count - 1; i >= 0; i--)
                if (providers[i].TryGet(key, out var value)) return value;
            return null;
        }
        set => throw new NotSupportedException("The preview is read-only.");
    }

    public IConfigurationSection GetSection(string key) => new ConfigurationSection(this, key);

    public IEnumerable<IConfigurationSection> GetChildren() =>
        providers.Aggregate(Enumerable.Empty<string>(), (seed, provider) => provider.GetChildKeys(seed, null))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(GetSection);

    public IChangeToken GetReloadToken() => NullChangeToken.Singleton;

    public void Reload() => throw new NotSupportedException("The preview is read-only.");
}
