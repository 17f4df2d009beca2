using System.Globalization;

namespace AgentConsole.Api.Contracts;

/// <summary>
/// The checks the contracts' fields share, for the fields of the object at one path. Each records
/// its problem under the field's path and skips a field that already has one (a wrong JSON type
/// found while reading), so a field gets one clear message.
/// </summary>
internal readonly struct FieldRules(ValidationErrors errors, string path)
{
    public ValidationErrors Errors => errors;

    public string PathOf(string name) => ValidationErrors.PathOf(path, name);

    /// <summary>The rules for the object in field <paramref name="name"/>.</summary>
    public FieldRules Nested(string name) => new(errors, PathOf(name));

    /// <summary>The rules for item <paramref name="index"/> of the array in field <paramref name="name"/>.</summary>
    public FieldRules Item(string name, int index) => new(errors, $"{PathOf(name)}[{index}]");

    public bool HasProblem(string name) => errors.Has(PathOf(name));

    public void Add(string name, string message) => errors.Add(PathOf(name), message);

    /// <summary>Whether a required field is there; records that it is missing if not.</summary>
    public bool Required(string name, object? value)
    {
        if (value is not null) return true;
        if (!HasProblem(name)) Add(name, "The field is required.");
        return false;
    }

    /// <summary>A required text: present, not blank, and at most <paramref name="maxLength"/> characters.</summary>
    public bool RequiredText(string name, string? value, int maxLength)
    {
        if (!Required(name, value)) return false;
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(name, "The field must not be empty.");
            return false;
        }
        return MaxLength(name, value, maxLength);
    }

    /// <summary>An optional text of at most <paramref name="maxLength"/> characters.</summary>
    public bool MaxLength(string name, string? value, int maxLength)
    {
        if (value is null || value.Length <= maxLength) return true;
        Add(name, $"The field must be at most {maxLength} characters long; it has {value.Length}.");
        return false;
    }

    public void Range(string name, double? value, double min, double max)
    {
        if (value is { } number && !(double.IsFinite(number) && number >= min && number <= max))
            Add(name, $"The field must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
    }

    public void Range(string name, decimal? value, decimal min, decimal max)
    {
        if (value < min || value > max)
            Add(name, $"The field must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
    }

    public void Range(string name, int? value, int min, int max)
    {
        if (value < min || value > max) Add(name, $"The field must be between {min} and {max}.");
    }

    /// <summary>An absolute http or https URL of at most <paramref name="maxLength"/> characters.</summary>
    public void HttpUrl(string name, string? value, int maxLength)
    {
        if (!RequiredText(name, value, maxLength)) return;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            Add(name, "The field must be an absolute http or https URL.");
    }
}
