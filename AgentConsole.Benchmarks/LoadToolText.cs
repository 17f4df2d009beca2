using System.Globalization;
using System.Text.Json;

namespace AgentConsole.Benchmarks;

/// <summary>What the load tools read from their command lines and from the bot API's replies.</summary>
internal static class LoadToolText
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or a <see cref="FormatException"/> that says so.</summary>
    public static int Int(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"'{text}' is not a whole number from {min} to {max}.");

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, or a <see cref="FormatException"/> that says so.</summary>
    public static double Number(string text, double min, double max) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"'{text}' is not a number from {min} to {max}.");

    /// <summary>The bot API reply's <c>escalation.id</c>, or null when the batch opened no case.</summary>
    public static long? EscalationId(byte[] reply)
    {
        try
        {
            using var document = JsonDocument.Parse(reply);
            return document.RootElement.TryGetProperty("escalation", out var escalation) && escalation.ValueKind == JsonValueKind.Object
                ? escalation.GetProperty("id").GetInt64()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
