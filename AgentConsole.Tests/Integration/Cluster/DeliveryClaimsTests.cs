using System.Net.Http.Json;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Delivery;
using AgentConsole.Core.Integrations;
using AgentConsole.Tests.Integration.Delivery;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Cluster;

/// <summary>
/// Every node on a shared PostgreSQL store runs a webhook dispatcher; each claims a conversation before it
/// sends it, so a row goes out once, not once per node, and a node that lets a conversation go leaves it to
/// whoever claims it next.
/// </summary>
public sealed class DeliveryClaimsTests : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    [SkippableFact]
    public async Task AConversationClaimedByOneDispatcherIsSkippedByAnotherUntilItIsLetGo()
    {
        var database = Own(await TempDatabase.CreateAsync(DatabaseOptions.PostgresProvider));
        var factory = database.CreateFactory();
        var (conversation, head) = await PendingRowAsync(factory);
        await using var nodeA = new DeliveryClaims(factory);
        await using var nodeB = new DeliveryClaims(factory);

        Assert.True(await nodeA.TryClaimAsync(conversation, head, CancellationToken.None));
        Assert.False(await nodeB.TryClaimAsync(conversation, head, CancellationToken.None));
        // A second claim by the holder is refused too: a session's advisory locks count up, and one release would not let it go.
        Assert.False(await nodeA.TryClaimAsync(conversation, head, CancellationToken.None));
        await nodeA.ReleaseAsync([conversation], CancellationToken.None);
        Assert.Empty(nodeA.Held);
        Assert.True(await nodeB.TryClaimAsync(conversation, head, CancellationToken.None));
        await nodeB.ReleaseAsync([conversation], CancellationToken.None);

        // A head another node sent (and stored) since it was read is not claimed: the run would send it again.
        await using (var db = await factory.CreateDbContextAsync())
        {
            var row = await db.OutboundEvents.SingleAsync(e => e.Id == head);
            row.MarkDelivered(DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        Assert.False(await nodeA.TryClaimAsync(conversation, head, CancellationToken.None));
        Assert.Empty(nodeA.Held);
        // ...and the refusal let the lock go: the other node can claim the conversation's next row.
        var (_, next) = await PendingRowAsync(factory, conversation);
        Assert.True(await nodeB.TryClaimAsync(conversation, next, CancellationToken.None));
    }

    [SkippableFact]
    public async Task TwoNodesDeliverEachRowOnceWhileTheReceiverIsSlow()
    {
        var database = Own(await TempDatabase.CreateAsync(DatabaseOptions.PostgresProvider));
        var settings = new Dictionary<string, string?>
        {
            ["Redis:Connection"] = RedisServer.Server.Address,
            ["Cluster:ClusterId"] = $"test-{Guid.NewGuid():N}",
            // Each node reads the outbox every second, so both see every pending row.
            ["Delivery:PollSeconds"] = "1",
        };
        // One clock for both nodes, moved on below so that each node's dispatcher reads the outbox every second.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(AgentConsoleFactory.Start);
        var nodeA = Own(new AgentConsoleFactory(database, clock: clock) { Settings = settings });
        var nodeB = Own(new AgentConsoleFactory(database, clock: clock) { Settings = settings });
        nodeA.UseKestrel(0);
        nodeB.UseKestrel(0);
        nodeA.ServerAddress();
        nodeB.ServerAddress();

        await using var receiver = await WebhookReceiver.StartAsync();
        // A slow receiver keeps each row pending long enough for the other node's next read to find it.
        receiver.Respond = async (_, ct) =>
        {
            await Task.Delay(300, ct);
            return 200;
        };
        var created = await nodeA.Services.GetRequiredService<IntegrationAdmin>().CreateAsync("Claims bot", receiver.Url, TestActors.Admin);
        using var botA = nodeA.CreateBotClient(created.ApiKey);
        using var botB = nodeB.CreateBotClient(created.ApiKey);
        for (var i = 0; i < 6; i++)
        {
            var bot = i % 2 == 0 ? botA : botB;
            var at = clock.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            using var reply = await bot.PostAsJsonAsync($"api/v1/conversations/claims-{i}/events", new
            {
                channel = "web",
                events = new object[]
                {
                    new { id = "m1", type = "customer.message", at, text = "Someone logged into my account from another country and changed my email" },
                },
            });
            Assert.True(reply.IsSuccessStatusCode, $"{reply.StatusCode}: {await reply.Content.ReadAsStringAsync()}");
        }

        var rows = database.CreateFactory();
        await Eventually.HoldsAsync(async () =>
        {
            if (receiver.Quiet) clock.Advance(TimeSpan.FromSeconds(1));
            await using var db = await rows.CreateDbContextAsync();
            var mine = db.OutboundEvents.Where(e => e.IntegrationId == created.Integration.Id);
            return await mine.CountAsync() >= 6 && !await mine.AnyAsync(e => e.NextAttemptAt != null);
        }, TimeSpan.FromSeconds(90), "every row of the bot's is delivered");

        var received = receiver.Requests;
        Assert.NotEmpty(received);
        var twice = received.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => $"{g.First().Type} {g.Key} x {g.Count()}").ToList();
        Assert.True(twice.Count == 0, $"Delivered more than once: {string.Join(", ", twice)}");
    }

    // A bot integration, a conversation and one pending outbox row for it (or another row for an existing conversation).
    private static async Task<(Guid Conversation, long Row)> PendingRowAsync(IDbContextFactory<AgentConsoleDbContext> factory, Guid? conversationId = null)
    {
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        Conversation conversation;
        if (conversationId is { } known) conversation = await db.Conversations.SingleAsync(c => c.Id == known);
        else
        {
            var integration = new AgentConsole.Core.Integrations.Integration("Claims bot", $"ac_claims_{Guid.NewGuid():N}", now, "http://127.0.0.1:9/hook");
            db.Integrations.Add(integration);
            conversation = new Conversation(integration.Id, $"claims-{Guid.NewGuid():N}", "web", now);
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync();
        }
        var row = new OutboundEvent(conversation.IntegrationId, conversation.Id, conversation.ExternalId, "message.created", "{}", now, push: true);
        db.OutboundEvents.Add(row);
        await db.SaveChangesAsync();
        return (conversation.Id, row.Id);
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
    }
}
