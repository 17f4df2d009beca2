namespace AgentConsole.Core.Data;

/// <summary>
/// A LIKE pattern for "contains this text, ignoring case", the same on SQLite and PostgreSQL: the term is
/// lower-cased (compare it with the column's <c>ToLower()</c>: SQLite's LIKE ignores case and PostgreSQL's
/// does not), and its <c>%</c>, <c>_</c> and <c>\</c> match only themselves. Pass <see cref="Escape"/> to
/// <c>EF.Functions.Like</c> with it.
/// </summary>
public static class ContainsPattern
{
    /// <summary>The escape character the pattern uses.</summary>
    public const string Escape = "\\";

    /// <summary>The pattern that matches any text containing <paramref name="term"/> (trimmed).</summary>
    public static string Of(string term) =>
        $"%{term.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
}
