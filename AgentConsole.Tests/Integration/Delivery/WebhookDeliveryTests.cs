using AgentConsole.Core.Data;
using AgentConsole.Core.Delivery;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Delivery;

/// <summary>Webhooks to a real HTTP receiver on a loopback port.</summary>
public sealed class WebhookDeliveryTests() : DeliveryTestBase(new Dictionary<string, string?> { ["Delivery:QuickRetries"] = "1" })
{
    [Fact]
    public async Task DeliversEachConversationsStoryInOrderSignedAndOncePerDeliveryId()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        using var bot = await CreateBotAsync(receiver.Url);
        var typing = Factory.Services.GetRequiredService<AgentTypingRelay>();

        // Act: two conversations escalate; one is worked to resolution, the other is assigned and answered.
        var first = await EscalateAsync(bot, "wh-first");
        var second = await EscalateAsync(bot, "wh-second");
        var priya = await AssignAsync(first);
        Assert.True(await typing.AgentTypingAsync(first, priya.AgentId!.Value));
        await Engine.ReplyAsync(first, "I have locked the account and reset the email. You will get a confirmation shortly.", priya);
        await Engine.ResolveAsync(first, "Account secured.", priya);
        var sam = await AssignAsync(second, "Sam Patel");
        await Engine.ReplyAsync(second, "Checking the sign-ins now.", sam);

        // Assert: everything the outbox holds for the bot arrives, each delivery once.
        var rows = (await RowsAsync("wh-first")).Concat(await RowsAsync("wh-second")).ToList();
        await Eventually.HoldsAsync(() => receiver.Accepted.Count == rows.Count, Generous, $"{rows.Count} deliveries");
        var accepted = receiver.Accepted;
        Assert.Equal(rows.Select(r => r.DeliveryId.ToString()).Order(), accepted.Select(a => a.Id).Order());
        Assert.Equal(accepted.Count, accepted.Select(a => a.Id).Distinct().Count());
        Assert.All(accepted, a => Assert.Equal(a.Id, a.DeliveryHeader));

        // In order per conversation, and the story a bot needs.
        foreach (var conversation in new[] { "wh-first", "wh-second" })
        {
            var arrived = accepted.Where(a => a.ConversationId == conversation).ToList();
            Assert.Equal(rows.Where(r => r.ConversationExternalId == conversation).Select(r => r.DeliveryId.ToString()), arrived.Select(a => a.Id));
            Assert.Equal(arrived.Select(a => a.Sequence).Order(), arrived.Select(a => a.Sequence));
        }
        var story = accepted.Where(a => a.ConversationId == "wh-first" && a.Type != OutboundEventTypes.QueuePosition).ToList();
        Assert.Equal([OutboundEventTypes.CaseEscalated, OutboundEventTypes.CaseAssigned, OutboundEventTypes.AgentTyping, OutboundEventTypes.AgentMessage,
            OutboundEventTypes.CaseResolved], story.Select(a => a.Type));
        Assert.Equal(("SecurityCompliance", "Security", "Urgent"), (story[0].Data.GetProperty("reasons")[0].GetProperty("category").GetString(),
            story[0].Data.GetProperty("team").GetString(), story[0].Data.GetProperty("priority").GetString()));
        Assert.Equal("Priya Raman", story[1].Data.GetProperty("agentName").GetString());
        Assert.Equal("I have locked the account and reset the email. You will get a confirmation shortly.", story[3].Data.GetProperty("text").GetString());
        Assert.True(story[4].Data.GetProperty("csatRequested").GetBoolean());
        Assert.Contains(accepted, a => a.ConversationId == "wh-first" && a.Type == OutboundEventTypes.QueuePosition && a.Data.GetProperty("position").GetInt32() >= 1);
        Assert.Equal("Sam Patel", accepted.Single(a => a.ConversationId == "wh-second" && a.Type == OutboundEventTypes.CaseAssigned).Data.GetProperty("agentName").GetString());

        // Signed with the bot's secret, at the desk's clock.
        Assert.All(accepted, a =>
        {
            Assert.True(a.SignedWith(bot.Secret!, out var timestamp));
            Assert.Equal(Factory.Clock.GetUtcNow().ToUnixTimeSeconds(), timestamp);
            Assert.True(WebhookSignature.Verify(a.Signature, a.Body, bot.Secret!, Factory.Clock.GetUtcNow()));
        });
        // Every row is stored as delivered: results are stored in the background after the receiver answers, so wait for it.
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = Factory.CreateDbContext();
            return await db.OutboundEvents.CountAsync(e => e.IntegrationId == bot.Id && e.DeliveredAt == null) == 0;
        }, Generous, "every delivery's result to be stored");
    }

    [Fact]
    public async Task AConversationWaitingOnASlowWebhookHoldsUpOnlyItsOwnLaterEvents()
    {
        // Arrange: the receiver answers one conversation's escalation only when released.
        await using var receiver = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Respond = async (webhook, aborted) =>
        {
            if (webhook.ConversationId == "wh-slow" && webhook.Type == OutboundEventTypes.CaseEscalated) await release.Task.WaitAsync(aborted);
            return 200;
        };
        using var bot = await CreateBotAsync(receiver.Url);

        // Act: the slow conversation escalates and gets more events; meanwhile another one is escalated,
        // assigned and answered a dozen times.
        var slow = await EscalateAsync(bot, "wh-slow");
        await Eventually.HoldsAsync(() => receiver.Requests.Any(r => r.ConversationId == "wh-slow"), Generous, "the slow escalation to be on its way");
        var priya = await AssignAsync(slow);
        await Engine.ReplyAsync(slow, "I am on it.", priya);
        var fast = await EscalateAsync(bot, "wh-fast");
        var sam = await AssignAsync(fast, "Sam Patel");
        for (var i = 1; i <= 12; i++) await Engine.ReplyAsync(fast, $"Step {i} of the fix.", sam);

        // Assert: the other conversation's story arrives whole and in order while the slow escalation is unanswered,
        var fastRows = await RowsAsync("wh-fast");
        await Eventually.HoldsAsync(() => receiver.Accepted.Count(a => a.ConversationId == "wh-fast") == fastRows.Count, Generous,
            $"the other conversation's {fastRows.Count} deliveries while one conversation waits");
        Assert.Equal(fastRows.Select(r => r.DeliveryId.ToString()), receiver.Accepted.Where(a => a.ConversationId == "wh-fast").Select(a => a.Id));
        // and by then nothing after the slow conversation's escalation had been sent.
        Assert.Single(receiver.Requests, r => r.ConversationId == "wh-slow");

        // Act: the slow escalation is answered.
        release.SetResult();

        // Assert: the slow conversation's later events follow, in order.
        var slowRows = await RowsAsync("wh-slow");
        Assert.True(slowRows.Count >= 3);
        await Eventually.HoldsAsync(() => receiver.Accepted.Count(a => a.ConversationId == "wh-slow") == slowRows.Count, Generous,
            $"the slow conversation's {slowRows.Count} deliveries after its escalation was answered");
        Assert.Equal(slowRows.Select(r => r.DeliveryId.ToString()), receiver.Accepted.Where(a => a.ConversationId == "wh-slow").Select(a => a.Id));
        Assert.Equal(slowRows.Count, receiver.Requests.Count(r => r.ConversationId == "wh-slow"));
    }

    [Fact]
    public async Task RetriesAfterServerErrorsThenDeliversAndLaterEventsWaitTheirTurn()
    {
        // Arrange: the receiver fails the first three requests for the escalation.
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (webhook, _) => Task.FromResult(webhook.Type == OutboundEventTypes.CaseEscalated && webhook.Attempt <= 3 ? 500 : 200);
        using var bot = await CreateBotAsync(receiver.Url);

        // Act
        await EscalateAsync(bot, "wh-500");

        // Assert
        await Eventually.HoldsAsync(() => receiver.Accepted.Any(a => a.Type == OutboundEventTypes.QueuePosition), Generous,
            "the escalation, then the queue position", tick: () => Tick(receiver));
        var requests = receiver.Requests.ToList();
        Assert.True(requests.Count(r => r.Type == OutboundEventTypes.CaseEscalated) >= 4);
        Assert.Single(requests.Select(r => r.Id).Where((id, i) => requests[i].Type == OutboundEventTypes.CaseEscalated).Distinct());
        // The conversation's next event was not sent while the escalation was being retried.
        var accepted = requests.FindIndex(r => r.Type == OutboundEventTypes.CaseEscalated && r.Attempt > 3);
        Assert.True(requests.FindIndex(r => r.Type != OutboundEventTypes.CaseEscalated) > accepted);
        var escalated = (await RowsAsync("wh-500")).First();
        Assert.NotNull(escalated.DeliveredAt);
        // The quick retries and the outbox's own attempts share the requests.
        Assert.InRange(escalated.Attempts, 2, requests.Count(r => r.Type == OutboundEventTypes.CaseEscalated));
    }

    [Fact]
    public async Task RetriesAfterATimeoutThenDelivers()
    {
        // Arrange: the receiver does not answer the first request.
        await using var receiver = await WebhookReceiver.StartAsync();
        var gaveUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Respond = async (webhook, aborted) =>
        {
            if (webhook.Attempt == 1)
            {
                await receiver.HangAsync(aborted);
                gaveUp.TrySetResult();
            }
            return 200;
        };
        using var bot = await CreateBotAsync(receiver.Url);

        // Act
        await EscalateAsync(bot, "wh-timeout");

        // Assert
        await Eventually.HoldsAsync(() => receiver.Accepted.Any(a => a.Type == OutboundEventTypes.CaseEscalated), Generous,
            "the escalation, after the first try timed out", tick: () => Tick(receiver));
        var first = receiver.Requests.First();
        Assert.Equal(first.Id, receiver.Accepted.First().Id);
        Assert.True(receiver.Requests.Count(r => r.Id == first.Id) >= 2);
        // The desk hung up on the first request rather than waiting for it.
        await gaveUp.Task.WaitAsync(Generous);
    }

    [Fact]
    public async Task OtherConversationsKeepBeingSentWhileTheResultsOfTheFirstWaitToBeStored()
    {
        // Arrange: a dozen conversations escalate while the receiver holds its answers, so the first
        // few (as many as are sent at once) wait on it and the rest wait for room.
        await using var receiver = await WebhookReceiver.StartAsync();
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Respond = async (_, aborted) =>
        {
            await answer.Task.WaitAsync(aborted);
            return 200;
        };
        using var bot = await CreateBotAsync(receiver.Url);
        var conversations = Enumerable.Range(1, 12).Select(i => $"wh-busy-{i}").ToList();
        foreach (var conversation in conversations) await EscalateAsync(bot, conversation);
        var atOnce = Factory.Services.GetRequiredService<DeliveryOptions>().MaxParallelDeliveries;
        Assert.True(atOnce < conversations.Count);
        await Eventually.HoldsAsync(() => receiver.Requests.Count == atOnce, Generous, $"{atOnce} webhooks on their way");

        // Act: another writer holds the store (a busy desk) while the receiver answers.
        var held = await HoldOutboxAsync();
        var rows = new Dictionary<string, List<OutboundEvent>>();
        try
        {
            foreach (var conversation in conversations) rows[conversation] = await RowsAsync(conversation);
            answer.SetResult();

            // Assert: every conversation's rows reach the receiver, though no result could be stored yet,
            var all = rows.Values.Sum(r => r.Count);
            await Eventually.HoldsAsync(() => receiver.Accepted.Count == all, Generous, $"all {all} deliveries while the store is held");
            await using (var db = Factory.CreateDbContext())
                Assert.Equal(all, await db.OutboundEvents.CountAsync(e => e.IntegrationId == bot.Id && e.DeliveredAt == null));
            // each once and in order: a conversation whose results wait is not read and sent again meanwhile.
            Assert.Equal(all, receiver.Requests.Count);
            foreach (var (conversation, stored) in rows)
                Assert.Equal(stored.Select(r => r.DeliveryId.ToString()), receiver.Accepted.Where(a => a.ConversationId == conversation).Select(a => a.Id));
        }
        finally
        {
            await held.DisposeAsync();
        }

        // Assert: once the store is free, the results are stored, and nothing was sent twice.
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = Factory.CreateDbContext();
            return await db.OutboundEvents.CountAsync(e => e.IntegrationId == bot.Id && e.DeliveredAt == null) == 0;
        }, Generous, "the results to be stored");
        Assert.Equal(rows.Values.Sum(r => r.Count), receiver.Requests.Count);
    }

    /// <summary>
    /// Keeps every writer of the outbox waiting until disposed: on SQLite by holding the store's write gate,
    /// on PostgreSQL by a transaction holding the table in EXCLUSIVE mode (reads go on, writes wait).
    /// </summary>
    private async Task<IAsyncDisposable> HoldOutboxAsync()
    {
        if (!AgentConsole.Core.Data.DatabaseOptions.IsPostgres(Factory.Database.Provider))
        {
            var gate = Factory.Services.GetRequiredService<SqliteWriteGate>();
            await gate.WaitAsync(CancellationToken.None);
            return new Released(() => { gate.Release(); return ValueTask.CompletedTask; });
        }
        var connection = new Npgsql.NpgsqlConnection(Factory.Database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await new Npgsql.NpgsqlCommand("""LOCK TABLE "OutboundEvents" IN EXCLUSIVE MODE""", connection, transaction).ExecuteNonQueryAsync();
        return new Released(async () =>
        {
            await transaction.CommitAsync();
            await connection.DisposeAsync();
        });
    }

    private sealed class Released(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }
}
