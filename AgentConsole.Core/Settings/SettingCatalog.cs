using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text;

namespace AgentConsole.Core.Settings;

/// <summary>The shapes of value an admin can edit.</summary>
public enum SettingKind { Boolean, Integer, Number, TextList, TermMap }

/// <summary>
/// One editable setting of an options class: its configuration path, the family it belongs to
/// (the nested section, or <see cref="SettingCatalog.GeneralFamily"/> for the section's own
/// values), its kind and the range its <see cref="RangeAttribute"/> allows.
/// </summary>
public sealed class SettingDefinition
{
    private readonly PropertyInfo[] _path;

    internal SettingDefinition(string key, string family, SettingKind kind, PropertyInfo[] path)
    {
        Key = key;
        Family = family;
        Kind = kind;
        _path = path;
        var property = path[^1];
        Property = property.Name;
        Name = SettingCatalog.Humanize(property.Name);
        ValueType = property.PropertyType;
        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            Minimum = Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
            Maximum = Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The configuration path, such as <c>Triggers:Sentiment:FrustrationThreshold</c>.</summary>
    public string Key { get; }

    /// <summary>The group the setting is shown in: the nested section's name, or <see cref="SettingCatalog.GeneralFamily"/>.</summary>
    public string Family { get; }

    /// <summary>The property's name.</summary>
    public string Property { get; }

    /// <summary>The property's name in words ("Frustration threshold").</summary>
    public string Name { get; }

    public SettingKind Kind { get; }

    /// <summary>The CLR type of the property.</summary>
    public Type ValueType { get; }

    public double? Minimum { get; }
    public double? Maximum { get; }

    /// <summary>Lists and maps, which are edited one entry a line and stored whole: a stored one replaces the file's.</summary>
    public bool IsStructured => Kind is SettingKind.TextList or SettingKind.TermMap;

    /// <summary>The value in <paramref name="options"/>.</summary>
    public object? Read(object options)
    {
        object? current = options;
        foreach (var property in _path)
        {
            if (current is null) return null;
            current = property.GetValue(current);
        }
        return current;
    }

    /// <summary>The value in <paramref name="options"/> as canonical text.</summary>
    public string ReadCanonical(object options) => SettingValues.Format(Kind, Read(options));
}

/// <summary>
/// The editable settings of an options class, found by reflection so the list never falls behind
/// the class: booleans, numbers, string lists and string-to-number maps, in the section itself
/// and in its nested sections.
/// </summary>
public sealed class SettingCatalog
{
    /// <summary>The family of the section's own (not nested) values.</summary>
    public const string GeneralFamily = "General";

    private readonly Dictionary<string, SettingDefinition> _byKey;

    private SettingCatalog(string section, Type optionsType, IReadOnlyList<SettingDefinition> settings)
    {
        Section = section;
        OptionsType = optionsType;
        Settings = settings;
        _byKey = settings.ToDictionary(s => s.Key, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The configuration section the options bind to.</summary>
    public string Section { get; }

    public Type OptionsType { get; }

    /// <summary>Every editable setting, by family, the general ones first, in declaration order.</summary>
    public IReadOnlyList<SettingDefinition> Settings { get; }

    /// <summary>The families in display order.</summary>
    public IEnumerable<string> Families => Settings.Select(s => s.Family).Distinct();

    /// <summary>Builds the catalog of <typeparamref name="TOptions"/> bound at <paramref name="section"/>.</summary>
    public static SettingCatalog For<TOptions>(string section) where TOptions : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        var settings = new List<SettingDefinition>();
        var nested = new List<PropertyInfo>();
        foreach (var property in OrderedProperties(typeof(TOptions)))
        {
            if (KindOf(property.PropertyType) is { } kind) settings.Add(new SettingDefinition($"{section}:{property.Name}", GeneralFamily, kind, [property]));
            else if (property.PropertyType.IsClass && !typeof(IEnumerable).IsAssignableFrom(property.PropertyType)) nested.Add(property);
        }
        foreach (var group in nested)
        {
            foreach (var property in OrderedProperties(group.PropertyType))
            {
                if (KindOf(property.PropertyType) is { } kind)
                    settings.Add(new SettingDefinition($"{section}:{group.Name}:{property.Name}", group.Name, kind, [group, property]));
            }
        }
        return new SettingCatalog(section, typeof(TOptions), settings);
    }

    /// <summary>The setting at <paramref name="key"/> (any letter case), or null.</summary>
    public SettingDefinition? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>"FrustrationThreshold" as "Frustration threshold".</summary>
    public static string Humanize(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                text.Append(' ').Append(char.ToLowerInvariant(c));
            else text.Append(c);
        }
        return text.ToString();
    }

    private static SettingKind? KindOf(Type type)
    {
        if (type == typeof(bool)) return SettingKind.Boolean;
        if (type == typeof(int) || type == typeof(long)) return SettingKind.Integer;
        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float)) return SettingKind.Number;
        if (type == typeof(string[]) || type == typeof(List<string>)) return SettingKind.TextList;
        if (type == typeof(Dictionary<string, double>)) return SettingKind.TermMap;
        return null;
    }

    // Base-class properties (a trigger's switch and weight) first, then each class's own in declaration order.
    private static IEnumerable<PropertyInfo> OrderedProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0)
            .OrderBy(p => Depth(p.DeclaringType!))
            .ThenBy(p => p.MetadataToken);

    private static int Depth(Type type)
    {
        var depth = 0;
        for (var t = type.BaseType; t is not null; t = t.BaseType) depth++;
        return depth;
    }
}
