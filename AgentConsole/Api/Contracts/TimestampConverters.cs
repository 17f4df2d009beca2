using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace AgentConsole.Api.Contracts;

/// <summary>
/// Reads an ISO 8601 timestamp with an explicit UTC offset (or Z), converted to UTC. A time
/// without an offset is refused: the sender's local time zone is unknown here.
/// </summary>
public sealed partial class TimestampConverter : JsonConverter<DateTime>
{
    internal const string Rule = "The field must be an ISO 8601 timestamp with a UTC offset, such as 2026-03-14T09:30:00Z.";

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(ref reader, allowDate: false);

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));

    /// <summary>The timestamp as UTC; with <paramref name="allowDate"/>, a bare date means midnight UTC.</summary>
    internal static DateTime Parse(ref Utf8JsonReader reader, bool allowDate)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : "";
        if (allowDate && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (OffsetSuffix().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return instant.UtcDateTime;
        throw new JsonFieldException(Rule);
    }

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex OffsetSuffix();
}

/// <summary>Reads a date (<c>2024-03-01</c>, midnight UTC) or a timestamp with a UTC offset, converted to UTC.</summary>
public sealed class DateOrTimestampConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimestampConverter.Parse(ref reader, allowDate: true);

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
}
