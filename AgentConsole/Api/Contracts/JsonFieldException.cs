using System.Text.Json;

namespace AgentConsole.Api.Contracts;

/// <summary>A value a contract's converter refused, with the rule it broke, such as the timestamp format.</summary>
public sealed class JsonFieldException(string rule) : JsonException(rule)
{
    /// <summary>What the field must be, in words for the client.</summary>
    public string Rule { get; } = rule;
}
