using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AgentConsole.Api.Contracts;

/// <summary>
/// Makes the OpenAPI document describe the request contracts as they are read: only the fields
/// marked <see cref="RequiredAttribute"/> are required (the validators enforce them), and the
/// fields read by the contracts' own converters get the JSON types those converters accept.
/// </summary>
internal static class ContractSchemas
{
    private static readonly HashSet<Type> RequestTypes =
    [
        typeof(EventBatchRequest), typeof(PageRequest), typeof(EventRequest), typeof(CustomerProfileRequest), typeof(EvaluationRequest), typeof(EvaluationMessage),
        typeof(DirectCaseRequest), typeof(DirectMessageRequest),
    ];

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // A converter given to a nullable property is wrapped, so the attribute says which one it is.
        var converter = context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(JsonConverterAttribute), inherit: false)
            .OfType<JsonConverterAttribute>().SingleOrDefault()?.ConverterType;
        if (converter == typeof(TimestampConverter))
        {
            (schema.Type, schema.Format) = (JsonSchemaType.String | JsonSchemaType.Null, "date-time");
            schema.Description ??= "An ISO 8601 timestamp with a UTC offset, such as 2026-03-14T09:30:00Z.";
        }
        else if (converter == typeof(DateOrTimestampConverter))
        {
            (schema.Type, schema.Format) = (JsonSchemaType.String | JsonSchemaType.Null, null);
            schema.Description ??= "A date (2024-03-01) or an ISO 8601 timestamp with a UTC offset.";
        }
        else if (converter == typeof(LooseIdConverter))
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Number | JsonSchemaType.Null;
        }

        if (RequestTypes.Contains(context.JsonTypeInfo.Type))
            schema.Required = context.JsonTypeInfo.Properties.Where(IsRequired).Select(p => p.Name).ToHashSet();
        return Task.CompletedTask;
    }

    private static bool IsRequired(JsonPropertyInfo property) => property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: false) == true;
}
