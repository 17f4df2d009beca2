namespace AgentConsole.Api.Contracts;

/// <summary>Problems found in a request, keyed by the path of the field, such as <c>events[2].text</c>.</summary>
public sealed class ValidationErrors
{
    /// <summary>The key of a problem with the body as a whole.</summary>
    public const string Root = "$";

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>Whether the field at <paramref name="path"/> already has a problem.</summary>
    public bool Has(string path) => _errors.ContainsKey(path);

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var list)) _errors[path] = list = [];
        list.Add(message);
    }

    /// <summary>The problems in the shape ASP.NET Core's validation problem details expect.</summary>
    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>The path of <paramref name="name"/> inside the object at <paramref name="parent"/>.</summary>
    public static string PathOf(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";
}
