namespace AgentConsole.Core.Common;

/// <summary>One field of a CSV file a spreadsheet may open.</summary>
public static class CsvField
{
    /// <summary>
    /// <paramref name="value"/> as a field: prefixed with a quote when a spreadsheet would run it as a
    /// formula (a leading =, +, -, @, tab or carriage return), and quoted when it holds a comma, quote or line break.
    /// </summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
