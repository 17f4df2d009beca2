using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Integration;

/// <summary>One app on one temporary database per test, with helpers for the bot API.</summary>
public abstract class ApiTestBase : IDisposable
{
    protected ApiTestBase(bool demoEnabled = true, bool kestrel = false, string environment = "Testing", IReadOnlyDictionary<string, string?>? settings = null)
    {
        Database = new TempDatabase();
        Factory = new AgentConsoleFactory(Database, demoEnabled) { Environment = environment, Settings = settings ?? new Dictionary<string, string?>() };
        // A real Kestrel server on a loopback port, for clients that need real sockets (SignalR over WebSockets).
        if (kestrel) Factory.UseKestrel(0);
        Bot = Factory.CreateBotClient();
    }

    protected TempDatabase Database { get; }
    protected AgentConsoleFactory Factory { get; }
    protected HttpClient Bot { get; }

    /// <summary>An ISO timestamp <paramref name="seconds"/> after the fake clock's start.</summary>
    protected static string At(int seconds) => AgentConsoleFactory.Start.AddSeconds(seconds).ToString("O");

    protected static JsonObject CustomerMessage(string id, string text, int seconds = 0) =>
        new() { ["id"] = id, ["type"] = "customer.message", ["at"] = At(seconds), ["text"] = text };

    protected static JsonObject BotMessage(string id, string text, double confidence, int seconds = 0) =>
        new() { ["id"] = id, ["type"] = "bot.message", ["at"] = At(seconds), ["text"] = text, ["confidence"] = confidence };

    protected static JsonObject Batch(params JsonObject[] events) => new() { ["events"] = new JsonArray(events) };

    protected Task<HttpResponseMessage> PostEventsAsync(string conversation, JsonNode body, HttpClient? client = null) =>
        (client ?? Bot).PostAsync($"/api/v1/conversations/{conversation}/events",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the app and removes its store; a test class with more to clean up adds its own after.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        Bot.Dispose();
        Factory.Dispose();
        Database.Dispose();
    }
}
