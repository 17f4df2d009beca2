using System.Text.Json;
using AgentConsole.Core.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentConsole.Benchmarks;

/// <summary>The first arrival of one delivery id at the receiver.</summary>
/// <param name="Sequence">The envelope's <c>sequence</c> (the outbox row's id).</param>
/// <param name="Type">The envelope's <c>type</c>.</param>
/// <param name="OccurredUtc">The envelope's <c>occurredAt</c>: when the desk stamped the row, by the server's clock.</param>
/// <param name="ReceivedUtc">When the receiver had read the request, by the same machine's clock.</param>
public readonly record struct OutboxArrival(long Sequence, string Type, DateTime OccurredUtc, DateTime ReceivedUtc)
{
    /// <summary>From the row being stamped to the receiver holding it.</summary>
    public double LatencyMilliseconds => (ReceivedUtc - OccurredUtc).TotalMilliseconds;
}

/// <summary>
/// A bot's webhook endpoint for the load tools: Kestrel on 127.0.0.1 and an ephemeral port that
/// answers 200 at once and counts. It checks what a receiver must (the signature header, verified
/// with the integration's secret once it is known; the delivery id, deduped; the conversation's
/// order, by <c>sequence</c>) and keeps each delivery's first arrival. Nothing else is done per
/// request, so the receiver is never the bottleneck it measures.
/// </summary>
public sealed class OutboxReceiver : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly WebApplication _app;
    private readonly HashSet<string> _ids = [];
    private readonly Dictionary<string, long> _lastSequence = [];
    private readonly List<OutboxArrival> _arrivals = [];
    private int _requests, _duplicates, _outOfOrder, _unsigned, _badSignatures, _held;
    private TaskCompletionSource? _hold;
    private DateTime _releasedAt;

    private OutboxReceiver(WebApplication app) => _app = app;

    /// <summary>Where the integration's webhooks go.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The integration's webhook secret, once it exists; until then signatures are only checked to be present.</summary>
    public string? Secret { get; set; }

    /// <summary>Requests received, duplicates included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests whose delivery id had been received before (at-least-once redeliveries).</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>New deliveries whose sequence was lower than one already received for the same conversation.</summary>
    public int OutOfOrder => Volatile.Read(ref _outOfOrder);

    /// <summary>Requests without the signature header.</summary>
    public int Unsigned => Volatile.Read(ref _unsigned);

    /// <summary>Requests whose signature did not verify with <see cref="Secret"/>.</summary>
    public int BadSignatures => Volatile.Read(ref _badSignatures);

    /// <summary>Distinct deliveries received.</summary>
    public int Delivered
    {
        get { lock (_lock) return _arrivals.Count; }
    }

    /// <summary>Each delivery's first arrival, in arrival order.</summary>
    public IReadOnlyList<OutboxArrival> Arrivals
    {
        get { lock (_lock) return [.. _arrivals]; }
    }

    /// <summary>How long each answer takes after the receiver has read the request: a bot's own work before its 200.</summary>
    public TimeSpan AnswerDelay { get; set; }

    /// <summary>How long every hundredth answer takes instead, when longer: the slow tail of a real bot.</summary>
    public TimeSpan TailDelay { get; set; }

    /// <summary>Sees every request the receiver takes, duplicates included, in arrival order (the crash harness's log).</summary>
    public Action<WebhookRequest>? Observer { get; set; }

    /// <summary>Requests waiting for an answer while the receiver holds.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>
    /// From now until <see cref="Release"/>, requests wait for their answer (a bot that is slow or
    /// restarting): the outbox's rows pile up behind them, and the release shows how fast they drain.
    /// The app's per-try timeout must outlast the hold, or the held tries are retried.
    /// </summary>
    public void Hold()
    {
        lock (_lock) _hold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Answers the held requests and every later one at once again; returns when the latest hold ended (UTC).</summary>
    public DateTime Release()
    {
        TaskCompletionSource? hold;
        DateTime at;
        lock (_lock)
        {
            (hold, _hold) = (_hold, null);
            if (hold is not null) _releasedAt = DateTime.UtcNow;
            at = _releasedAt;
        }
        hold?.TrySetResult();
        return at;
    }

    /// <summary>Starts the receiver on a free loopback port.</summary>
    public static async Task<OutboxReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OutboxReceiver(app);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = $"{address.TrimEnd('/')}/hook";
        return receiver;
    }

    private async Task HandleAsync(HttpContext http)
    {
        Task? hold;
        lock (_lock) hold = _hold?.Task;
        if (hold is not null)
        {
            Interlocked.Increment(ref _held);
            try { await hold.WaitAsync(http.RequestAborted); }
            finally { Interlocked.Decrement(ref _held); }
        }
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        // A delivery counts from when the receiver takes it: after a hold, not while it waited.
        var received = DateTime.UtcNow;
        string id, conversation, type;
        long sequence;
        DateTime occurred;
        using (var document = JsonDocument.Parse(body))
        {
            var root = document.RootElement;
            id = root.GetProperty("id").GetString()!;
            sequence = root.GetProperty("sequence").GetInt64();
            type = root.GetProperty("type").GetString()!;
            conversation = root.GetProperty("conversationId").GetString()!;
            // The desk writes UTC; a value without an offset is UTC too.
            var at = root.GetProperty("occurredAt").GetDateTime();
            occurred = at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime();
        }
        var signature = http.Request.Headers[WebhookSignature.Header].ToString();
        var request = Interlocked.Increment(ref _requests);
        if (signature.Length == 0) Interlocked.Increment(ref _unsigned);
        else if (Secret is { } secret && !WebhookSignature.Verify(signature, body, secret, DateTimeOffset.UtcNow)) Interlocked.Increment(ref _badSignatures);

        lock (_lock)
        {
            Observer?.Invoke(new WebhookRequest(id, sequence, type, conversation));
            if (!_ids.Add(id))
            {
                _duplicates++;
            }
            else
            {
                if (_lastSequence.TryGetValue(conversation, out var last) && sequence < last) _outOfOrder++;
                else _lastSequence[conversation] = sequence;
                _arrivals.Add(new OutboxArrival(sequence, type, occurred, received));
            }
        }
        var delay = TailDelay > AnswerDelay && request % 100 == 0 ? TailDelay : AnswerDelay;
        if (delay > TimeSpan.Zero) await Task.Delay(delay, http.RequestAborted);
        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
