using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace AgentConsole.Benchmarks;

/// <summary>When a case's first offer reached the offered agent's client, and the server's times carried with it.</summary>
/// <param name="Timestamp">Stopwatch timestamp on arrival, before the payload is read.</param>
/// <param name="ArrivedUtc">Wall clock on arrival, to compare with the server's times (same machine).</param>
/// <param name="RoutedUtc">The event's <c>at</c>: when the routing engine began the command that offered the case.</param>
/// <param name="OpenedUtc">The card's <c>openedAt</c>: when the ingestion transaction that opened the case began.</param>
public readonly record struct OfferArrival(long Timestamp, DateTime ArrivedUtc, DateTime RoutedUtc, DateTime OpenedUtc, Guid AgentId);

/// <summary>Every offer the agent clients received, first arrival per case.</summary>
public sealed class EscalationLoadOffers
{
    private readonly ConcurrentDictionary<long, OfferArrival> _first = new();
    private readonly ConcurrentDictionary<(long CaseId, DateTime RoutedUtc), bool> _seen = new();
    private int _received, _repeats, _duplicates, _accepted, _acceptFailed;

    public int Received => Volatile.Read(ref _received);
    /// <summary>Offers of a case that had been offered before (after a decline or a timed-out offer).</summary>
    public int Repeats => Volatile.Read(ref _repeats);
    /// <summary>The same offer delivered again to the same client (a team lead is in both their own and their team's group).</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);
    public int Accepted => Volatile.Read(ref _accepted);
    public int AcceptFailed => Volatile.Read(ref _acceptFailed);
    public int Cases => _first.Count;

    public bool TryGet(long caseId, out OfferArrival arrival) => _first.TryGetValue(caseId, out arrival);

    /// <summary>Records an arrival; false when it is a second delivery of an offer already received.</summary>
    internal bool Arrived(long caseId, OfferArrival arrival)
    {
        Interlocked.Increment(ref _received);
        if (!_seen.TryAdd((caseId, arrival.RoutedUtc), true))
        {
            Interlocked.Increment(ref _duplicates);
            return false;
        }
        if (!_first.TryAdd(caseId, arrival)) Interlocked.Increment(ref _repeats);
        return true;
    }

    internal void AcceptDone(bool ok) => Interlocked.Increment(ref ok ? ref _accepted : ref _acceptFailed);
}

/// <summary>
/// One agent's console: a hub connection signed in through the test login, recording each
/// <c>CaseOffered</c> addressed to this agent (team leads also receive their team's offers, which are
/// not counted) and accepting it after a short, human-ish pause.
/// </summary>
public sealed class EscalationLoadClient : IAsyncDisposable
{
    private readonly EscalationLoadAgent _agent;
    private readonly EscalationLoadOffers _offers;
    private readonly bool _accept;
    private readonly CancellationToken _stopping;

    private EscalationLoadClient(EscalationLoadAgent agent, HubConnection connection, EscalationLoadOffers offers, bool accept, CancellationToken stopping)
    {
        _agent = agent;
        Connection = connection;
        _offers = offers;
        _accept = accept;
        _stopping = stopping;
        connection.On<JsonElement>("CaseOffered", Offered);
    }

    public HubConnection Connection { get; }

    /// <summary>Signs every agent in and connects them, <paramref name="parallel"/> at a time.</summary>
    public static Task<IReadOnlyList<EscalationLoadClient>> ConnectAllAsync(
        HttpClient http, Uri baseAddress, IReadOnlyList<EscalationLoadAgent> agents, EscalationLoadOffers offers, bool accept, int parallel, CancellationToken stopping) =>
        ConnectAllAsync(http, [baseAddress], agents, offers, accept, parallel, stopping);

    /// <summary>Signs every agent in and connects them, <paramref name="parallel"/> at a time, agent i to node i % count.</summary>
    public static async Task<IReadOnlyList<EscalationLoadClient>> ConnectAllAsync(
        HttpClient http, IReadOnlyList<Uri> nodes, IReadOnlyList<EscalationLoadAgent> agents, EscalationLoadOffers offers, bool accept, int parallel, CancellationToken stopping)
    {
        var clients = new EscalationLoadClient[agents.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, agents.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = stopping }, async (i, ct) =>
        {
            var agent = agents[i];
            var node = nodes[i % nodes.Count];
            var hub = new Uri(node, "hubs/agents");
            using var response = await http.PostAsJsonAsync(new Uri(node, "api/v1/auth/test-token"), new { email = agent.Email }, ct);
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString()
                ?? throw new InvalidOperationException($"No access token for {agent.Email}.");
            var connection = new HubConnectionBuilder()
                .WithUrl(hub, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            var client = new EscalationLoadClient(agent, connection, offers, accept, stopping);
            await connection.StartAsync(ct);
            clients[i] = client;
        });
        return clients;
    }

    private void Offered(JsonElement body)
    {
        var timestamp = Stopwatch.GetTimestamp();
        var arrived = DateTime.UtcNow;
        if (body.GetProperty("agentId").GetGuid() != _agent.Id) return;
        var card = body.GetProperty("case");
        var caseId = card.GetProperty("caseId").GetInt64();
        var fresh = _offers.Arrived(caseId, new OfferArrival(timestamp, arrived,
            body.GetProperty("at").GetDateTimeOffset().UtcDateTime, card.GetProperty("openedAt").GetDateTimeOffset().UtcDateTime, _agent.Id));
        if (fresh && _accept) _ = AcceptAsync(caseId);
    }

    private async Task AcceptAsync(long caseId)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(500, 3_000)), _stopping);
            await Connection.InvokeAsync<JsonElement>("AcceptOffer", caseId, _stopping);
            _offers.AcceptDone(ok: true);
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or IOException)
        {
            _offers.AcceptDone(ok: false);
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
