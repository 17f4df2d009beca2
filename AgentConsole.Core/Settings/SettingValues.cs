using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentConsole.Core.Settings;

/// <summary>
/// Converts setting values between three forms: the typed value in an options object, the
/// canonical text stored and audited (a scalar as invariant text, a list as a JSON array, a map as
/// a JSON object), and the text an admin types (one list item a line, one <c>term = value</c> a line).
/// </summary>
public static class SettingValues
{
    /// <summary>The most items a list or map may hold.</summary>
    public const int MaxItems = 500;

    /// <summary>The longest list item or map term, in characters.</summary>
    public const int MaxItemLength = 200;

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The canonical text of a typed value.</summary>
    public static string Format(SettingKind kind, object? value) => kind switch
    {
        SettingKind.Boolean => value is true ? "true" : "false",
        SettingKind.Integer => Convert.ToInt64(value, Invariant).ToString(Invariant),
        SettingKind.Number => value switch
        {
            double d => d.ToString("R", Invariant),
            float f => ((double)f).ToString("R", Invariant),
            decimal m => m.ToString(Invariant),
            _ => Convert.ToDouble(value, Invariant).ToString("R", Invariant),
        },
        SettingKind.TextList => JsonSerializer.Serialize(((IEnumerable<string>?)value ?? []).ToArray(), Json),
        SettingKind.TermMap => JsonSerializer.Serialize(
            new SortedDictionary<string, double>((IDictionary<string, double>?)value ?? new Dictionary<string, double>(), StringComparer.Ordinal), Json),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The text an admin edits for a canonical value.</summary>
    public static string ToInput(SettingKind kind, string canonical) => kind switch
    {
        SettingKind.TextList => string.Join('\n', ParseList(canonical)),
        SettingKind.TermMap => string.Join('\n', ParseMap(canonical).Select(t => $"{t.Key} = {t.Value.ToString("R", Invariant)}")),
        _ => canonical,
    };

    /// <summary>
    /// Reads what an admin typed for <paramref name="setting"/> into canonical text; false with a
    /// message that says what is wrong when it cannot be read.
    /// </summary>
    public static bool TryParseInput(SettingDefinition setting, string? input, out string canonical, out string error)
    {
        ArgumentNullException.ThrowIfNull(setting);
        canonical = "";
        error = "";
        var text = (input ?? "").Trim();
        switch (setting.Kind)
        {
            case SettingKind.Boolean:
                if (!bool.TryParse(text, out var flag)) return Fail($"{setting.Name}: enter true or false.", out error);
                canonical = Format(SettingKind.Boolean, flag);
                return true;

            case SettingKind.Integer:
                if (!long.TryParse(text, NumberStyles.Integer, Invariant, out var whole) || (setting.ValueType == typeof(int) && whole is < int.MinValue or > int.MaxValue))
                    return Fail($"{setting.Name}: enter a whole number, such as 3.", out error);
                canonical = whole.ToString(Invariant);
                return true;

            case SettingKind.Number:
                if (setting.ValueType == typeof(decimal))
                {
                    if (!decimal.TryParse(text, NumberStyles.Float, Invariant, out var money)) return Fail($"{setting.Name}: enter a number, such as 25000.", out error);
                    canonical = Format(SettingKind.Number, money);
                    return true;
                }
                if (!double.TryParse(text, NumberStyles.Float, Invariant, out var number) || !double.IsFinite(number))
                    return Fail($"{setting.Name}: enter a number with a dot for decimals, such as 0.45.", out error);
                canonical = Format(SettingKind.Number, number);
                return true;

            case SettingKind.TextList:
                var items = new List<string>();
                foreach (var line in Lines(text))
                {
                    if (line.Length > MaxItemLength) return Fail($"{setting.Name}: \"{Shorten(line)}\" is longer than {MaxItemLength} characters.", out error);
                    if (!items.Contains(line, StringComparer.OrdinalIgnoreCase)) items.Add(line);
                }
                if (items.Count > MaxItems) return Fail($"{setting.Name}: at most {MaxItems} entries.", out error);
                canonical = Format(SettingKind.TextList, items);
                return true;

            case SettingKind.TermMap:
                var terms = new Dictionary<string, double>(StringComparer.Ordinal);
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var line in Lines(text))
                {
                    var split = line.LastIndexOf('=');
                    if (split <= 0) return Fail($"{setting.Name}: write each entry as \"term = value\"; \"{Shorten(line)}\" has no '='.", out error);
                    var term = line[..split].Trim();
                    if (term.Length == 0) return Fail($"{setting.Name}: \"{Shorten(line)}\" has no term before '='.", out error);
                    if (term.Contains(':')) return Fail($"{setting.Name}: a term may not contain ':' (\"{Shorten(term)}\").", out error);
                    if (term.Length > MaxItemLength) return Fail($"{setting.Name}: \"{Shorten(term)}\" is longer than {MaxItemLength} characters.", out error);
                    if (!double.TryParse(line[(split + 1)..].Trim(), NumberStyles.Float, Invariant, out var value) || !double.IsFinite(value))
                        return Fail($"{setting.Name}: the value of \"{Shorten(term)}\" must be a number, such as -2.5.", out error);
                    // Configuration keys ignore letter case, so "Ugh" and "ugh" would collide.
                    if (!seen.Add(term)) return Fail($"{setting.Name}: \"{Shorten(term)}\" appears twice.", out error);
                    terms[term] = value;
                }
                if (terms.Count > MaxItems) return Fail($"{setting.Name}: at most {MaxItems} entries.", out error);
                canonical = Format(SettingKind.TermMap, terms);
                return true;

            default:
                throw new ArgumentOutOfRangeException(nameof(setting));
        }
    }

    /// <summary>
    /// The configuration entries for a stored value: a scalar as itself, a JSON array as
    /// <c>key:0</c>, <c>key:1</c>…, a JSON object as <c>key:name</c>. An empty list or map is the key
    /// with an empty value, which binds as an empty list rather than as no list at all.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> Expand(string key, string canonical)
    {
        if (!IsListOrMap(canonical)) return [new(key, canonical)];
        JsonDocument document;
        try { document = JsonDocument.Parse(canonical); }
        catch (JsonException) { return [new(key, canonical)]; }
        using (document)
        {
            var root = document.RootElement;
            var entries = root.ValueKind == JsonValueKind.Array
                ? root.EnumerateArray().Select((item, i) => new KeyValuePair<string, string?>($"{key}:{i}", Scalar(item))).ToList()
                : root.EnumerateObject().Select(p => new KeyValuePair<string, string?>($"{key}:{p.Name}", Scalar(p.Value))).ToList();
            return entries.Count > 0 ? entries : [new(key, "")];
        }
    }

    /// <summary>Whether canonical text holds a list or a map (a JSON array or object) rather than a scalar.</summary>
    public static bool IsListOrMap(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        var trimmed = canonical.TrimStart();
        return trimmed.StartsWith('[') || trimmed.StartsWith('{');
    }

    /// <summary>
    /// A short description of a change for the history: "0.45 → 0.5" for a value, the added and
    /// removed entries for a list or map.
    /// </summary>
    public static string DescribeChange(string oldValue, string newValue)
    {
        if (TryParseList(oldValue, out var oldItems) && TryParseList(newValue, out var newItems))
            return DescribeSets(oldItems, newItems, s => s);
        if (TryParseMap(oldValue, out var oldMap) && TryParseMap(newValue, out var newMap))
        {
            var changed = oldMap.Where(o => newMap.TryGetValue(o.Key, out var v) && v != o.Value)
                .Select(o => $"~ {o.Key} {o.Value.ToString("R", Invariant)} → {newMap[o.Key].ToString("R", Invariant)}");
            var sets = DescribeSets(oldMap.Keys.ToArray(), newMap.Keys.ToArray(), k => k);
            var parts = changed.Prepend(sets == "no change" ? "" : sets).Where(p => p.Length > 0).ToList();
            return parts.Count == 0 ? "no change" : string.Join("; ", parts);
        }
        return $"{oldValue} → {newValue}";
    }

    private static string DescribeSets(IReadOnlyCollection<string> oldItems, IReadOnlyCollection<string> newItems, Func<string, string> show)
    {
        var added = newItems.Except(oldItems, StringComparer.OrdinalIgnoreCase).Select(i => $"+ {show(i)}");
        var removed = oldItems.Except(newItems, StringComparer.OrdinalIgnoreCase).Select(i => $"− {show(i)}");
        var parts = added.Concat(removed).ToList();
        if (parts.Count == 0) return oldItems.SequenceEqual(newItems) ? "no change" : "reordered";
        const int Shown = 8;
        var text = string.Join(", ", parts.Take(Shown));
        return parts.Count > Shown ? $"{text} and {parts.Count - Shown} more" : text;
    }

    private static string[] ParseList(string canonical) => JsonSerializer.Deserialize<string[]>(canonical, Json) ?? [];

    private static Dictionary<string, double> ParseMap(string canonical) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(canonical, Json) ?? [];

    private static bool TryParseList(string canonical, out string[] items)
    {
        items = [];
        if (!canonical.TrimStart().StartsWith('[')) return false;
        try { items = ParseList(canonical); return true; }
        catch (JsonException) { return false; }
    }

    private static bool TryParseMap(string canonical, out Dictionary<string, double> map)
    {
        map = [];
        if (!canonical.TrimStart().StartsWith('{')) return false;
        try { map = ParseMap(canonical); return true; }
        catch (JsonException) { return false; }
    }

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null => null,
        _ => element.GetRawText(),
    };

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
