using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentConsole.Tests.Integration.Delivery;

/// <summary>One webhook request as the receiver got it.</summary>
public sealed record ReceivedWebhook(string Id, long Sequence, string Type, string ConversationId, JsonElement Data, string Body,
    string? Signature, string? DeliveryHeader, int Attempt)
{
    /// <summary>Whether <see cref="Signature"/> is the HMAC-SHA256 of "{t}.{body}" with <paramref name="secret"/>, computed here from the documented recipe.</summary>
    public bool SignedWith(string secret, out long timestamp)
    {
        timestamp = 0;
        var parts = (Signature ?? "").Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, out timestamp) || !parts.TryGetValue("v1", out var v1)) return false;
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{Body}")));
        return expected == v1;
    }
}

/// <summary>
/// A bot's webhook endpoint: a small Kestrel app on a loopback port that records every request,
/// answers as <see cref="Respond"/> says (200 by default), and dedupes what it accepted on the
/// delivery id, as the README tells receivers to.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<ReceivedWebhook> _requests = [];
    private readonly List<ReceivedWebhook> _accepted = [];
    private readonly HashSet<string> _acceptedIds = [];
    private readonly WebApplication _app;
    private int _inFlight;
    private int _hanging;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>
    /// How to answer the request (its attempt number for this delivery id counts from 1): a status
    /// code, after whatever the function awaits. The token is the request's own.
    /// </summary>
    public Func<ReceivedWebhook, CancellationToken, Task<int>> Respond { get; set; } = (_, _) => Task.FromResult(200);

    public int Port { get; private set; }

    /// <summary>
    /// No request is being answered, but those deliberately left hanging: a test may move the
    /// desk's fake clock on without timing out a request that was about to be answered.
    /// </summary>
    public bool Quiet => Volatile.Read(ref _inFlight) == Volatile.Read(ref _hanging);

    /// <summary>For <see cref="Respond"/>: leaves the request unanswered until the client gives up on it.</summary>
    public async Task HangAsync(CancellationToken aborted)
    {
        Interlocked.Increment(ref _hanging);
        try { await Task.Delay(Timeout.Infinite, aborted); }
        catch (OperationCanceledException) { }
        finally { Interlocked.Decrement(ref _hanging); }
    }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>Every request, duplicates and failures included, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Requests
    {
        get { lock (_lock) return [.. _requests]; }
    }

    /// <summary>What the bot acted on: each delivery id once, at its first accepted request, in order.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted
    {
        get { lock (_lock) return [.. _accepted]; }
    }

    /// <summary>Starts a receiver on <paramref name="port"/> (0 for any free one).</summary>
    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Port = new Uri(address).Port;
        return receiver;
    }

    private async Task HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _inFlight);
        // Counted until the response has gone back, so the clock does not move while the desk waits for it.
        http.Response.OnCompleted(() =>
        {
            Interlocked.Decrement(ref _inFlight);
            return Task.CompletedTask;
        });
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var json = JsonDocument.Parse(body).RootElement;
        var id = json.GetProperty("id").GetString()!;
        ReceivedWebhook received;
        lock (_lock)
        {
            received = new ReceivedWebhook(id, json.GetProperty("sequence").GetInt64(), json.GetProperty("type").GetString()!,
                json.GetProperty("conversationId").GetString()!, json.GetProperty("data").Clone(), body,
                http.Request.Headers["X-AgentConsole-Signature"].SingleOrDefault(), http.Request.Headers["X-AgentConsole-Delivery"].SingleOrDefault(),
                _requests.Count(r => r.Id == id) + 1);
            _requests.Add(received);
        }
        var status = await Respond(received, http.RequestAborted);
        // A request the client gave up on was never answered: the desk sends it again.
        if (status is >= 200 and < 300 && !http.RequestAborted.IsCancellationRequested)
        {
            lock (_lock)
            {
                if (_acceptedIds.Add(id)) _accepted.Add(received);
            }
        }
        http.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
