using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentConsole.Core.Conversations.Ingestion;

/// <summary>
/// Reads typed fields out of a JSON object and records a clear error, keyed by the field's path,
/// for each one that is missing, of the wrong type, or out of range. Property names match
/// case-insensitively; an explicit null counts as absent.
/// </summary>
internal sealed partial class JsonFieldReader(JsonElement obj, string path, ValidationErrors errors)
{
    public string Path => path;
    public ValidationErrors Errors => errors;

    public string FieldPath(string name) => path.Length == 0 ? name : $"{path}.{name}";

    public bool Has(string name) => TryGet(name, out _);

    public bool TryGet(string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value) || TryGetIgnoringCase(name, out value))
            return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
        return false;
    }

    public string? String(string name, int maxLength, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required) errors.Add(FieldPath(name), "The field is required.");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(FieldPath(name), "The field must be a string.");
            return null;
        }
        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            errors.Add(FieldPath(name), "The field must not be empty.");
            return null;
        }
        if (text.Length > maxLength)
        {
            errors.Add(FieldPath(name), $"The field must be at most {maxLength} characters long; it has {text.Length}.");
            return null;
        }
        return text;
    }

    public double? Number(string name, double min, double max, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required) errors.Add(FieldPath(name), "The field is required.");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            errors.Add(FieldPath(name), "The field must be a number.");
            return null;
        }
        if (number < min || number > max)
        {
            errors.Add(FieldPath(name), $"The field must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }
        return number;
    }

    public decimal? Money(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var amount))
        {
            errors.Add(FieldPath(name), "The field must be a number.");
            return null;
        }
        if (amount < 0 || amount > 1_000_000_000_000m)
        {
            errors.Add(FieldPath(name), "The field must be between 0 and 1000000000000.");
            return null;
        }
        return decimal.Round(amount, 2);
    }

    public int? Integer(string name, int min, int max)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            errors.Add(FieldPath(name), "The field must be a whole number.");
            return null;
        }
        if (number < min || number > max)
        {
            errors.Add(FieldPath(name), $"The field must be between {min} and {max}.");
            return null;
        }
        return number;
    }

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(FieldPath(name), "The field must be true or false.");
            return null;
        }
        return value.GetBoolean();
    }

    /// <summary>An enum given by name, matched case-insensitively and ignoring '_' and '-'.</summary>
    public TEnum? Enum<TEnum>(string name) where TEnum : struct, Enum
    {
        if (!TryGet(name, out var value)) return null;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        var normalized = text?.Replace("_", "").Replace("-", "");
        if (normalized is not null && !normalized.Any(char.IsDigit) && System.Enum.TryParse<TEnum>(normalized, ignoreCase: true, out var parsed))
            return parsed;
        errors.Add(FieldPath(name), $"The field must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        return null;
    }

    /// <summary>
    /// An ISO 8601 timestamp with an explicit offset (or Z), converted to UTC. A bare date is
    /// accepted when <paramref name="allowDate"/> is set and means midnight UTC.
    /// </summary>
    public DateTime? Timestamp(string name, bool required = false, bool allowDate = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required) errors.Add(FieldPath(name), "The field is required.");
            return null;
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        if (allowDate && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (OffsetSuffix().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return instant.UtcDateTime;
        errors.Add(FieldPath(name), "The field must be an ISO 8601 timestamp with a UTC offset, such as 2026-03-14T09:30:00Z.");
        return null;
    }

    public JsonFieldReader? Object(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(FieldPath(name), "The field must be an object.");
            return null;
        }
        return new JsonFieldReader(value, FieldPath(name), errors);
    }

    public IReadOnlyList<string>? StringArray(string name, int maxItems, int maxLength)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(FieldPath(name), "The field must be an array of strings.");
            return null;
        }
        if (value.GetArrayLength() > maxItems)
        {
            errors.Add(FieldPath(name), $"The field may hold at most {maxItems} items.");
            return null;
        }
        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{FieldPath(name)}[{index++}]";
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                errors.Add(itemPath, "The item must be a non-empty string.");
            else if (item.GetString()!.Length > maxLength)
                errors.Add(itemPath, $"The item must be at most {maxLength} characters long.");
            else
                items.Add(item.GetString()!.Trim());
        }
        return items;
    }

    private bool TryGetIgnoringCase(string name, out JsonElement value)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex OffsetSuffix();
}
