using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentConsole.Api.Contracts;

/// <summary>
/// Reads an enum by name, ignoring case, '_' and '-', so <c>partially_worked</c>,
/// <c>PartiallyWorked</c> and <c>partially-worked</c> all name the same value. Numbers are
/// refused: a client that sends 2 most likely means something else.
/// </summary>
public sealed class EnumNameConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Names<>).MakeGenericType(typeToConvert))!;

    private sealed class Names<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        private static readonly string Rule = $"The field must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}.";
        private static readonly Dictionary<string, TEnum> ByName = Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), StringComparer.OrdinalIgnoreCase);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!.Replace("_", "").Replace("-", ""), out var value))
                return value;
            throw new JsonFieldException(Rule);
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
