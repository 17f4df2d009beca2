using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AgentConsole.Api.Contracts;

/// <summary>
/// Copies a JSON document as a contract expects it, guided by System.Text.Json's own metadata for
/// the contract: each value of the wrong type (and each string that is not valid text) is written
/// as null and recorded under its field's path; fields the contract does not have are left out.
/// </summary>
internal static class WrongTypes
{
    private const string NotText = "The field is not valid text: it has an unpaired surrogate escape such as \\uD800.";

    public static void Copy(JsonElement root, JsonTypeInfo contract, ValidationErrors errors, Utf8JsonWriter writer) =>
        CopyValue(root, contract, "", item: false, errors, writer);

    /// <summary>A path as System.Text.Json reports it (<c>$.events[0].text</c>), as the API names fields (<c>events[0].text</c>).</summary>
    public static string FieldPath(string? jsonPath) =>
        jsonPath is null or "$" ? ValidationErrors.Root : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;

    private static void CopyValue(JsonElement value, JsonTypeInfo expected, string path, bool item, ValidationErrors errors, Utf8JsonWriter writer)
    {
        if (expected.Kind == JsonTypeInfoKind.Object && value.ValueKind == JsonValueKind.Object)
        {
            CopyObject(value, expected, path, errors, writer);
            return;
        }
        if (expected.Kind == JsonTypeInfoKind.Enumerable && value.ValueKind == JsonValueKind.Array)
        {
            CopyArray(value, expected, path, errors, writer);
            return;
        }
        var problem = expected.Kind == JsonTypeInfoKind.None ? Problem(value, v => JsonSerializer.Deserialize(v, expected)) : null;
        if (expected.Kind == JsonTypeInfoKind.None && problem is null) value.WriteTo(writer);
        else Refuse(path, Expected(expected, path, item, problem), errors, writer);
    }

    private static void CopyObject(JsonElement value, JsonTypeInfo expected, string path, ValidationErrors errors, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var property in value.EnumerateObject())
        {
            if (!TryGetName(property, out var name))
            {
                errors.Add(path.Length == 0 ? ValidationErrors.Root : path, "A property name is not valid text: it has an unpaired surrogate escape such as \\uD800.");
                continue;
            }
            var member = expected.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (member is null) continue;
            var memberPath = ValidationErrors.PathOf(path, member.Name);
            writer.WritePropertyName(member.Name);
            var memberInfo = expected.Options.GetTypeInfo(member.PropertyType);
            if (property.Value.ValueKind == JsonValueKind.Null)
                writer.WriteNullValue();
            else if (memberInfo.Kind != JsonTypeInfoKind.None)
                CopyValue(property.Value, memberInfo, memberPath, item: false, errors, writer);
            // A value is checked as a property of its object, so the property's own converter (a timestamp's format) applies.
            else if (Problem(property.Value, v => JsonSerializer.Deserialize(Alone(member.Name, v), expected)) is { } problem)
                Refuse(memberPath, Expected(memberInfo, memberPath, item: false, problem), errors, writer);
            else
                property.Value.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    private static void CopyArray(JsonElement value, JsonTypeInfo expected, string path, ValidationErrors errors, Utf8JsonWriter writer)
    {
        var itemInfo = expected.Options.GetTypeInfo(expected.ElementType!);
        writer.WriteStartArray();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Null) writer.WriteNullValue();
            else CopyValue(item, itemInfo, $"{path}[{index}]", item: true, errors, writer);
            index++;
        }
        writer.WriteEndArray();
    }

    /// <summary>Why <paramref name="read"/> refuses <paramref name="value"/>, or null if it reads it.</summary>
    private static JsonException? Problem(JsonElement value, Action<JsonElement> read)
    {
        if (value.ValueKind == JsonValueKind.String && !IsText(value)) return new JsonFieldException(NotText);
        try
        {
            read(value);
            return null;
        }
        catch (JsonException e)
        {
            return e;
        }
    }

    private static string Expected(JsonTypeInfo expected, string path, bool item, JsonException? problem)
    {
        if (problem is JsonFieldException field) return field.Rule;
        var type = Nullable.GetUnderlyingType(expected.Type) ?? expected.Type;
        return expected.Kind switch
        {
            JsonTypeInfoKind.Object when path.Length == 0 => "The body must be a JSON object.",
            JsonTypeInfoKind.Object => item ? "The item must be an object." : "The field must be an object.",
            JsonTypeInfoKind.Enumerable when expected.ElementType == typeof(string) => "The field must be an array of strings.",
            JsonTypeInfoKind.Enumerable => "The field must be an array.",
            _ when type == typeof(string) => item ? "The item must be a string." : "The field must be a string.",
            _ when type == typeof(bool) => "The field must be true or false.",
            _ when type == typeof(int) || type == typeof(long) => "The field must be a whole number.",
            _ when type == typeof(double) || type == typeof(decimal) => "The field must be a number.",
            _ => "The field has a value of the wrong type.",
        };
    }

    private static void Refuse(string path, string rule, ValidationErrors errors, Utf8JsonWriter writer)
    {
        errors.Add(path.Length == 0 ? ValidationErrors.Root : path, rule);
        writer.WriteNullValue();
    }

    /// <summary><paramref name="value"/> as the only property of an object, so it can be read as its object's property.</summary>
    private static byte[] Alone(string name, JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(name);
            value.WriteTo(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static bool IsText(JsonElement value)
    {
        try
        {
            _ = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }
}
