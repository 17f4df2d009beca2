using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentConsole.Tests.Integration.Chat;

/// <summary>A customer's widget, as the tests drive it: the same HTTP calls the widget's script makes.</summary>
public sealed class ChatClient(HttpClient http)
{
    public string? Token { get; private set; }

    public HttpClient Http => http;

    public async Task<JsonElement> StartAsync(string? url = "https://shop.example/billing", string? title = "Billing")
    {
        var body = url is null ? new JsonObject() : new JsonObject { ["page"] = new JsonObject { ["url"] = url, ["title"] = title } };
        using var response = await http.PostAsync("/api/chat/sessions", Json(body));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Token = reply.GetProperty("token").GetString();
        return reply;
    }

    public ChatClient WithToken(string? token)
    {
        Token = token;
        return this;
    }

    public Task<HttpResponseMessage> SendAsync(string text, string? clientId = null) =>
        http.SendAsync(Request(HttpMethod.Post, "/api/chat/messages", new JsonObject { ["clientId"] = clientId ?? Guid.NewGuid().ToString(), ["text"] = text }));

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode body) => http.SendAsync(Request(HttpMethod.Post, path, body));

    public Task<HttpResponseMessage> GetAsync(string path) => http.SendAsync(Request(HttpMethod.Get, path, null));

    public async Task<JsonElement> TranscriptAsync()
    {
        using var response = await GetAsync("/api/chat/transcript");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Opens the live stream after <paramref name="after"/>.</summary>
    public async Task<ChatEvents> StreamAsync(long after = 0)
    {
        var request = Request(HttpMethod.Get, $"/api/chat/stream?after={after}", null);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new ChatEvents(response);
    }

    public HttpRequestMessage Request(HttpMethod method, string path, JsonNode? body)
    {
        var request = new HttpRequestMessage(method, path);
        if (Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is not null) request.Content = Json(body);
        return request;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}

/// <summary>A Server-Sent Events stream read event by event.</summary>
public sealed class ChatEvents(HttpResponseMessage response) : IAsyncDisposable
{
    private StreamReader? _reader;

    public HttpResponseMessage Response => response;

    /// <summary>The next event (name and data) that <paramref name="match"/> accepts, skipping the others; fails after <paramref name="seconds"/>.</summary>
    public async Task<(string Name, JsonElement Data)> NextAsync(Func<string, JsonElement, bool> match, int seconds = 30)
    {
        _reader ??= new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        string? name = null;
        var data = new StringBuilder();
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The stream ended.");
            if (line.Length == 0)
            {
                if (name is not null && data.Length > 0)
                {
                    var json = JsonDocument.Parse(data.ToString()).RootElement.Clone();
                    if (match(name, json)) return (name, json);
                }
                name = null;
                data.Clear();
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data.Append(line[6..]);
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader?.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
