namespace AgentConsole.Core.Conversations.Ingestion;

/// <summary>Problems found in an input, keyed by the path of the field, such as <c>events[2].text</c>.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var list)) _errors[path] = list = [];
        list.Add(message);
    }

    /// <summary>The problems in the shape ASP.NET Core's validation problem details expect.</summary>
    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}

/// <summary>Either a parsed value or the problems that stopped it.</summary>
public sealed record ParseResult<T>(T? Value, ValidationErrors Errors) where T : class
{
    public bool IsValid => !Errors.Any && Value is not null;
}
