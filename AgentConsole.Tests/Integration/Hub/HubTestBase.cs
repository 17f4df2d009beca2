using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using AgentConsole.Core.Routing.Engine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Hub;

/// <summary>
/// The app on a real Kestrel loopback port, with real SignalR clients that sign in through the demo
/// test login and record every event they receive.
/// </summary>
public abstract class HubTestBase : ApiTestBase, IAsyncLifetime
{
    public const string Marcus = "marcus.okafor@agentconsole.demo";   // Billing specialist, lead of Billing & Accounts
    public const string Priya = "priya.raman@agentconsole.demo";      // Billing frontline
    public const string Lena = "lena.fischer@agentconsole.demo";      // Technical specialist, lead of Technical Support
    public const string Sam = "sam.patel@agentconsole.demo";          // Technical frontline

    private readonly List<HubClient> _clients = [];

    protected HubTestBase() : base(kestrel: true)
    {
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    protected Uri BaseAddress { get; }

    protected RoutingEngine Engine => Factory.Services.GetRequiredService<RoutingEngine>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
    }

    /// <summary>A bearer token from the demo test login, for an agent's email or a supervisor.</summary>
    protected async Task<string> TokenAsync(string? email = null, string? role = null)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var response = await http.PostAsJsonAsync("/api/v1/auth/test-token", new { email, role });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("accessToken").GetString()!;
    }

    /// <summary>A connected hub client signed in as the agent with <paramref name="email"/> (or as a supervisor).</summary>
    protected async Task<HubClient> ConnectAsync(string? email = null, string? role = null)
    {
        var token = await TokenAsync(email, role);
        var client = new HubClient(new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/agents"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build());
        _clients.Add(client);
        await client.Connection.StartAsync();
        return client;
    }

    /// <summary>A hub connection that records each event it receives by name.</summary>
    public sealed class HubClient : IAsyncDisposable
    {
        public static readonly string[] EventNames =
            [nameof(CaseOffered), nameof(OfferWithdrawn), nameof(CaseAssigned), nameof(CaseReassigned), nameof(CaseResolved),
             nameof(QueueChanged), nameof(PresenceChanged), nameof(LeadAlert), nameof(CaseActivity)];

        private readonly ConcurrentQueue<(string Name, JsonElement Body)> _received = new();
        private readonly SemaphoreSlim _arrived = new(0);

        public HubClient(HubConnection connection)
        {
            Connection = connection;
            foreach (var name in EventNames)
                connection.On<JsonElement>(name, body =>
                {
                    _received.Enqueue((name, body));
                    _arrived.Release();
                });
        }

        public HubConnection Connection { get; }

        public IReadOnlyList<JsonElement> Received(string name) => _received.Where(e => e.Name == name).Select(e => e.Body).ToList();

        /// <summary>Waits (real time, up to <paramref name="timeout"/>) for an event matching <paramref name="match"/>.</summary>
        public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool> match, TimeSpan? timeout = null)
        {
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
            while (true)
            {
                foreach (var e in _received)
                    if (e.Name == name && match(e.Body)) return e.Body;
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) throw new TimeoutException($"No {name} event arrived that matched.");
                await _arrived.WaitAsync(left);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            _arrived.Dispose();
        }
    }

    protected static long CaseIdOf(JsonElement offeredOrAssigned) => offeredOrAssigned.GetProperty("case").GetProperty("caseId").GetInt64();
}
