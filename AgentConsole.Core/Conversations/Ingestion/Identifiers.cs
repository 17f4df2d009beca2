using System.Text.RegularExpressions;
using AgentConsole.Core.Data;

namespace AgentConsole.Core.Conversations.Ingestion;

/// <summary>The rules for the ids integrations choose for customers, conversations and events.</summary>
public static partial class Identifiers
{
    /// <summary>
    /// An external id: 1 to 128 characters of letters, digits and <c>. _ : @ -</c>, starting with
    /// a letter or digit, so it is safe in a URL path and a log line.
    /// </summary>
    public static bool IsValidExternalId(string? value) => value is { Length: > 0 and <= FieldLimits.ExternalId } && ExternalId().IsMatch(value);

    public const string ExternalIdRule = "It must be 1 to 128 characters: letters, digits and . _ : @ -, starting with a letter or digit.";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:@\-]*$")]
    private static partial Regex ExternalId();
}
