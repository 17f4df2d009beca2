using AgentConsole.Tests.Support;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentConsole.Core.Delivery;
using AgentConsole.Core.Integrations;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Delivery;

/// <summary>A bot integration of a test's own, with its key, its webhook secret and a client that sends its key.</summary>
public sealed record TestBot(Guid Id, string ApiKey, string? Secret, HttpClient Client) : IDisposable
{
    public void Dispose() => Client.Dispose();
}

/// <summary>
/// The app on a temporary database with fast delivery settings, and helpers to make a bot with a
/// callback URL, escalate its conversations and work their cases through the routing engine.
/// </summary>
public abstract class DeliveryTestBase(IReadOnlyDictionary<string, string?>? settings = null) : ApiTestBase(settings: WithDefaults(settings))
{
    /// <summary>A message the triggers always escalate (security), as an Urgent case that waits: the demo's security agent is away.</summary>
    protected const string Hacked = "Someone logged into my account from another country and changed my email";

    protected static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    protected IRoutingDesk Engine => Factory.Services.GetRequiredService<IRoutingDesk>();

    protected async Task<TestBot> CreateBotAsync(string? callbackUrl, string name = "Webhook bot")
    {
        var created = await Factory.Services.GetRequiredService<IntegrationAdmin>().CreateAsync(name, callbackUrl, TestActors.Admin);
        return new TestBot(created.Integration.Id, created.ApiKey, created.WebhookSecret, Factory.CreateBotClient(created.ApiKey));
    }

    /// <summary>Posts an escalating message on <paramref name="conversation"/>; returns the case it opened, routed.</summary>
    protected async Task<long> EscalateAsync(TestBot bot, string conversation)
    {
        var body = Batch(CustomerMessage("e1", Hacked, 1));
        body["customer"] = new JsonObject { ["externalId"] = "cus-" + conversation, ["name"] = "Dana Ortiz", ["tier"] = "Business" };
        using var response = await PostEventsAsync(conversation, body, bot.Client);
        response.EnsureSuccessStatusCode();
        var caseId = (await ReadJsonAsync(response)).GetProperty("escalation").GetProperty("id").GetInt64();
        await Engine.FlushAsync();
        return caseId;
    }

    /// <summary>A supervisor assigns the case to a seeded agent (above capacity if need be); returns that agent as an actor.</summary>
    protected async Task<RoutingActor> AssignAsync(long caseId, string agentName = "Priya Raman")
    {
        var agent = (await Engine.SnapshotAsync()).Agents.Single(a => a.Name == agentName);
        await Engine.ReassignAsync(caseId, agent.Id, "Taking this one.", overrideCapacity: true, RoutingActor.ForSupervisor());
        return RoutingActor.ForAgent(agent.Id, agent.TeamId, agent.Name);
    }

    /// <summary>The outbox rows of <paramref name="conversation"/>, in order.</summary>
    protected async Task<List<OutboundEvent>> RowsAsync(string conversation)
    {
        await using var db = Factory.CreateDbContext();
        return await db.OutboundEvents.AsNoTracking().Where(e => e.ConversationExternalId == conversation).OrderBy(e => e.Id).ToListAsync();
    }

    protected static JsonElement Data(OutboundEvent row) => JsonDocument.Parse(row.Payload).RootElement;

    /// <summary>
    /// Moves the fake clock on a little, so retries and timeouts come due while a test waits; not
    /// while the receiver is answering, whose answer would otherwise time out on the fake clock.
    /// </summary>
    protected void Tick(WebhookReceiver? receiver, int seconds = 1)
    {
        if (receiver is null || receiver.Quiet) Factory.Clock.Advance(TimeSpan.FromSeconds(seconds));
    }

    private static Dictionary<string, string?> WithDefaults(IReadOnlyDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Delivery:InitialBackoffSeconds"] = "1",
            ["Delivery:MaxBackoffSeconds"] = "2",
            ["Delivery:QuickRetries"] = "0",
            // Long enough on the fake clock that the ticks of a waiting test cannot time out a request on its way to the receiver.
            ["Delivery:TimeoutSeconds"] = "5",
            ["Delivery:ParkAfterMinutes"] = "60",
            ["Delivery:TypingIntervalSeconds"] = "5",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return all;
    }
}
