using System.Buffers;
using System.Text.Json;

namespace AgentConsole.Api.Contracts;

/// <summary>A request read into its contract: the value, the fields that had the wrong JSON type, or why the body is not JSON.</summary>
public sealed record ContractRead<T>(T? Value, ValidationErrors Errors, JsonException? NotJson) where T : class;

/// <summary>
/// Reads a request body into its typed contract with System.Text.Json. When every value has the
/// type the contract declares, that is one pass. When some do not, the body is copied once with
/// each wrong value recorded under its field's path and read as absent, so the contract is still
/// read and validated and one reply lists every problem.
/// </summary>
public static class ContractReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = ContractJson.MaxDepth };

    /// <summary>Reads <paramref name="utf8"/>, which must be valid UTF-8, as a <typeparamref name="T"/>.</summary>
    public static ContractRead<T> Read<T>(ReadOnlyMemory<byte> utf8) where T : class
    {
        var info = ContractJson.TypeInfo<T>();
        var errors = new ValidationErrors();
        try
        {
            return Found(JsonSerializer.Deserialize(utf8.Span, info), errors);
        }
        catch (JsonException)
        {
            // Either not JSON at all, or a value of the wrong type somewhere: the document tells which.
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException notJson)
        {
            return new(null, errors, notJson);
        }
        using (document)
        {
            var copy = new ArrayBufferWriter<byte>(utf8.Length);
            using (var writer = new Utf8JsonWriter(copy)) WrongTypes.Copy(document.RootElement, info, errors, writer);
            try
            {
                return Found(JsonSerializer.Deserialize(copy.WrittenSpan, info), errors);
            }
            catch (JsonException e)
            {
                // Every wrong value was replaced above; a value no rule foresaw still gets a 400, never a 500.
                errors.Add(WrongTypes.FieldPath(e.Path), "The field has a value of the wrong type.");
                return new(null, errors, null);
            }
        }
    }

    private static ContractRead<T> Found<T>(T? value, ValidationErrors errors) where T : class
    {
        if (value is null && !errors.Has(ValidationErrors.Root)) errors.Add(ValidationErrors.Root, "The body must be a JSON object.");
        return new(value, errors, null);
    }
}
