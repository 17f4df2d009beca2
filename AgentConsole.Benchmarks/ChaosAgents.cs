using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace AgentConsole.Benchmarks;

/// <summary>
/// The agents of a chaos run, each a console on <c>/hubs/agents</c> that reconnects for as long as
/// the run lasts (signed in once through the test login). An offer addressed to the
/// agent is accepted (70%), declined (15%) or left to time out (15%); of the accepted cases three in
/// four get a reply and are resolved through the console API a few seconds later, and the rest are
/// left for the first-reply deadline to reclaim.
/// </summary>
internal sealed class ChaosAgents(HttpClient http, ChaosLog log, Random random, CancellationToken stopping) : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, string> _tokens = new();
    private int _offers, _accepted, _declined, _ignored, _resolved, _refused;

    public int Offers => Volatile.Read(ref _offers);
    public int Accepted => Volatile.Read(ref _accepted);
    public int Declined => Volatile.Read(ref _declined);
    public int Ignored => Volatile.Read(ref _ignored);
    public int Resolved => Volatile.Read(ref _resolved);

    /// <summary>Accepts or declines the hub refused: the offer had ended (a timeout, a restart) before the answer came.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Connects every agent; returns once each is connected.</summary>
    /// <param name="webSocketOnly">Connect with one WebSocket request, without negotiating first (through a front end that may send each request to another node).</param>
    public async Task ConnectAsync(IReadOnlyList<EscalationLoadAgent> agents, Uri baseAddress, bool webSocketOnly = false)
    {
        var hub = new Uri(baseAddress, "hubs/agents");
        foreach (var agent in agents)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(hub, o =>
                {
                    o.AccessTokenProvider = async () => await TokenAsync(agent);
                    if (!webSocketOnly) return;
                    o.SkipNegotiation = true;
                    o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                })
                .WithAutomaticReconnect(new Forever())
                .Build();
            connection.On<JsonElement>("CaseOffered", body =>
            {
                if (body.GetProperty("agentId").GetGuid() == agent.Id) _ = OfferedAsync(connection, agent, body.GetProperty("case").GetProperty("caseId").GetInt64());
            });
            // Automatic reconnection gives up when the first try after a drop fails to negotiate; start again then.
            connection.Closed += async _ => await StartAsync(connection, agent);
            _connections.Add(connection);
            await StartAsync(connection, agent);
        }
    }

    private async Task StartAsync(HubConnection connection, EscalationLoadAgent agent)
    {
        while (!stopping.IsCancellationRequested && connection.State == HubConnectionState.Disconnected)
        {
            try { await connection.StartAsync(stopping); }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or TaskCanceledException)
            {
                // A token the app no longer accepts: sign in again.
                if (e is HttpRequestException { StatusCode: System.Net.HttpStatusCode.Unauthorized }) _tokens.TryRemove(agent.Id, out _);
                try { await Task.Delay(500, stopping); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task OfferedAsync(HubConnection connection, EscalationLoadAgent agent, long caseId)
    {
        Interlocked.Increment(ref _offers);
        int choice, pause;
        lock (random) (choice, pause) = (random.Next(100), random.Next(200, 1_500));
        try
        {
            if (choice >= 85) { Interlocked.Increment(ref _ignored); return; }
            await Task.Delay(pause, stopping);
            if (choice >= 70)
            {
                await connection.InvokeAsync("DeclineOffer", caseId, "Not my area (chaos)", stopping);
                Interlocked.Increment(ref _declined);
                return;
            }
            await connection.InvokeAsync<JsonElement>("AcceptOffer", caseId, stopping);
            Interlocked.Increment(ref _accepted);
            if (choice >= 52) return;
            await Task.Delay(pause, stopping);
            await ConsoleAsync(agent, $"api/v1/console/cases/{caseId}/reply", new { text = "Thanks, I am on it." });
            await Task.Delay(pause * 2, stopping);
            if (await ConsoleAsync(agent, $"api/v1/console/cases/{caseId}/resolve", new { note = "Resolved (chaos)." })) Interlocked.Increment(ref _resolved);
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or IOException or HttpRequestException)
        {
            Interlocked.Increment(ref _refused);
        }
    }

    private async Task<bool> ConsoleAsync(EscalationLoadAgent agent, string path, object body)
    {
        var token = await TokenAsync(agent);
        return await ChaosRetry.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }, log, stopping) is not null;
    }

    /// <summary>The agent's bearer token: one sign-in for the run (the signing keys live in the store, so a token outlives a restart).</summary>
    private async Task<string?> TokenAsync(EscalationLoadAgent agent)
    {
        if (_tokens.TryGetValue(agent.Id, out var known)) return known;
        var reply = await ChaosRetry.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "api/v1/auth/test-token")
        {
            Content = JsonContent.Create(new { email = agent.Email }),
        }, log, stopping);
        if (reply is null) return null;
        using var document = JsonDocument.Parse(reply);
        var token = document.RootElement.GetProperty("accessToken").GetString()!;
        _tokens[agent.Id] = token;
        return token;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }

    /// <summary>Reconnects every half second for as long as the run lasts.</summary>
    private sealed class Forever : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromMilliseconds(500);
    }
}
