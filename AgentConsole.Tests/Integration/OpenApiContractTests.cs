using System.Net.Http.Json;
using System.Text.Json;

namespace AgentConsole.Tests.Integration;

/// <summary>The OpenAPI document describes the bot API's request contracts as the API reads them.</summary>
public sealed class OpenApiContractTests : ApiTestBase
{
    [Fact]
    public async Task TheDocumentRequiresOnlyWhatTheApiRequiresAndGivesTheTypesItAccepts()
    {
        using var client = Factory.CreateClient();

        var schemas = (await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("components").GetProperty("schemas");

        Assert.Equal(["events"], Required(schemas, "EventBatchRequest"));
        Assert.Equal(["at", "id", "type"], Required(schemas, "EventRequest").Order());
        Assert.Equal(["url"], Required(schemas, "PageRequest"));
        Assert.Empty(Required(schemas, "CustomerProfileRequest"));
        var at = schemas.GetProperty("EventRequest").GetProperty("properties").GetProperty("at");
        Assert.Equal(["null", "string"], at.GetProperty("type").EnumerateArray().Select(t => t.GetString()).Order());
        Assert.Equal("date-time", at.GetProperty("format").GetString());
        var confidence = schemas.GetProperty("EventRequest").GetProperty("properties").GetProperty("confidence");
        Assert.Equal(["null", "number"], confidence.GetProperty("type").EnumerateArray().Select(t => t.GetString()).Order());
        Assert.True(schemas.TryGetProperty("EscalationView", out _));
    }

    [Fact]
    public async Task TheDocumentDescribesOpeningACaseDirectlyBesideTheEventsApi()
    {
        using var client = Factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operation = document.GetProperty("paths").GetProperty("/api/v1/cases").GetProperty("post");
        Assert.Equal("OpenDirectCase", operation.GetProperty("operationId").GetString());
        Assert.Equal(["200", "201", "400", "401", "409", "413", "415"], operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal(["channel", "customer", "externalId", "messages"], Required(schemas, "DirectCaseRequest").Order());
        Assert.Equal(["at", "text"], Required(schemas, "DirectMessageRequest").Order());
        Assert.True(schemas.TryGetProperty("DirectCaseResponse", out _));
    }

    private static IEnumerable<string?> Required(JsonElement schemas, string name) =>
        schemas.GetProperty(name).TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()).ToList() : [];
}
