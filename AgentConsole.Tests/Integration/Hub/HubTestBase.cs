using System.Collections.Concurrent;
using System.Text.Json;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Hub;

/// <summary>
/// The app on a real Kestrel loopback port, with real SignalR clients that sign in with console
/// bearer tokens and record every event they receive.
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
        BaseAddress = Factory.ServerAddress();
    }

    protected Uri BaseAddress { get; }

    protected IRoutingDesk Engine => Factory.Services.GetRequiredService<IRoutingDesk>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
    }

    /// <summary>A console bearer token for an agent's email or a supervisor.</summary>
    protected Task<string> TokenAsync(string? email = null, string? role = null) => ConsoleTokens.IssueAsync(Factory.Services, email, role);

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

    /// <summary>
    /// Every event <paramref name="client"/>, a connection of the agent <paramref name="agentId"/>, received
    /// before a marker that the engine publishes after everything it has published so far. The marker:
    /// the clock moves on a tick and the agent sets their presence to what it already is, which changes
    /// nothing but sends their connections a <c>PresenceChanged</c> stamped later than any earlier
    /// event. The hub sends each connection its events in the order the engine published them, so an
    /// event that was on its way has arrived before the marker, and one missing from the list never came.
    /// </summary>
    /// <param name="sameAgent">The agent's other connections: they receive the marker too, and this waits until they have.</param>
    protected async Task<IReadOnlyList<HubEvent>> ReceivedBeforeMarkerAsync(HubClient client, Guid agentId, params HubClient[] sameAgent)
    {
        await Engine.FlushAsync();
        var before = Factory.Clock.GetUtcNow();
        Factory.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var presence = (await Engine.SnapshotAsync()).Agents.Single(a => a.Id == agentId).Presence;
        await client.Connection.InvokeAsync("SetPresence", presence.ToString());
        bool Marker(JsonElement e) => e.GetProperty("agentId").GetGuid() == agentId && e.GetProperty("at").GetDateTimeOffset() > before;
        foreach (var other in sameAgent) await other.ReceivedBeforeAsync(nameof(PresenceChanged), Marker);
        return await client.ReceivedBeforeAsync(nameof(PresenceChanged), Marker);
    }

    /// <summary>An event as a client received it.</summary>
    public readonly record struct HubEvent(string Name, JsonElement Body);

    /// <summary>A hub connection that records each event it receives by name, in the order they arrive.</summary>
    public sealed class HubClient : IAsyncDisposable
    {
        public static readonly string[] EventNames =
            [nameof(CaseOffered), nameof(OfferWithdrawn), nameof(CaseAssigned), nameof(CaseReassigned), nameof(CaseResolved),
             nameof(QueueChanged), nameof(PresenceChanged), nameof(LeadAlert), nameof(CaseActivity)];

        private readonly ConcurrentQueue<HubEvent> _received = new();
        private readonly SemaphoreSlim _arrived = new(0);

        public HubClient(HubConnection connection)
        {
            Connection = connection;
            foreach (var name in EventNames)
                connection.On<JsonElement>(name, body =>
                {
                    _received.Enqueue(new HubEvent(name, body));
                    _arrived.Release();
                });
        }

        public HubConnection Connection { get; }

        public IReadOnlyList<JsonElement> Received(string name) => _received.Where(e => e.Name == name).Select(e => e.Body).ToList();

        /// <summary>Waits (real time, up to <paramref name="timeout"/>) for an event matching <paramref name="match"/>.</summary>
        public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool> match, TimeSpan? timeout = null)
        {
            var (events, index) = await FirstAsync(name, match, timeout);
            return events[index].Body;
        }

        /// <summary>Waits for an event matching <paramref name="marker"/>; returns every event that arrived before it.</summary>
        public async Task<IReadOnlyList<HubEvent>> ReceivedBeforeAsync(string name, Func<JsonElement, bool> marker, TimeSpan? timeout = null)
        {
            var (events, index) = await FirstAsync(name, marker, timeout);
            return events[..index];
        }

        private async Task<(HubEvent[] Events, int Index)> FirstAsync(string name, Func<JsonElement, bool> match, TimeSpan? timeout)
        {
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
            while (true)
            {
                var events = _received.ToArray();
                for (var i = 0; i < events.Length; i++)
                    if (events[i].Name == name && match(events[i].Body)) return (events, i);
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
