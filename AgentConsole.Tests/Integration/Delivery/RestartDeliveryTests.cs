using System.Net;
using System.Text;
using AgentConsole.Core.Data;
using AgentConsole.Core.Delivery;
using AgentConsole.Core.Integrations;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using BotIntegration = AgentConsole.Core.Integrations.Integration;

namespace AgentConsole.Tests.Integration.Delivery;

/// <summary>The outbox is durable: what could not be delivered before the process died is delivered after it restarts.</summary>
public sealed class RestartDeliveryTests
{
    // Start-up embeds the classifier's examples, which takes tens of seconds on a busy two-core machine.
    private static readonly TimeSpan StartUp = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Delivery = TimeSpan.FromMinutes(2);

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Demo__Enabled"] = "false",
        ["Demo__LiveTraffic"] = "false",
        ["Delivery__InitialBackoffSeconds"] = "1",
        ["Delivery__MaxBackoffSeconds"] = "2",
        ["Delivery__QuickRetries"] = "0",
        ["Delivery__TimeoutSeconds"] = "5",
    };

    [Fact]
    public async Task AWebhookThatFailedWhileTheReceiverWasDownIsDeliveredAfterAKillAndARestart()
    {
        // Arrange: a store with a bot whose callback URL is a loopback port nobody listens on yet.
        using var database = new TempDatabase();
        var receiverPort = AppProcess.FreePort();
        var apiKey = ApiKeys.Generate();
        string secret;
        var dbFactory = database.CreateFactory();
        await DatabaseInitializer.MigrateAsync(dbFactory);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var bot = new BotIntegration("Restart bot", apiKey, TimeProvider.System.GetUtcNow().UtcDateTime, $"http://127.0.0.1:{receiverPort}/hook");
            db.Integrations.Add(bot);
            await db.SaveChangesAsync();
            secret = bot.WebhookSecret!;
        }

        AppProcess? app = null;
        WebhookReceiver? receiver = null;
        try
        {
            app = AppProcess.Start(database, Settings);
            await app.WaitUntilHealthyAsync(StartUp);

            // Act: the bot's customer escalates; the webhook fails, since nothing listens.
            using (var client = new HttpClient { BaseAddress = app.BaseAddress })
            {
                client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
                var body = $$"""{"events":[{"id":"e1","type":"customer.message","at":"{{TimeProvider.System.GetUtcNow():O}}","text":"Someone logged into my account from another country and changed my email"}]}""";
                using var posted = await client.PostAsync("/api/v1/conversations/restart-1/events", new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            }
            OutboundEvent? failed = null;
            await Eventually.HoldsAsync(async () => (failed = await EscalationAsync(dbFactory)) is { Attempts: > 0, DeliveredAt: null }, Delivery,
                $"a failed attempt at the escalation's webhook; the app printed:\n{app.Output}");

            // The process dies at once, with the webhook still pending; the receiver comes up; the app starts again.
            app.Kill();
            app.Dispose();
            receiver = await WebhookReceiver.StartAsync(receiverPort);
            app = AppProcess.Start(database, Settings);

            // Assert
            var restarted = app;
            await Eventually.HoldsAsync(() => receiver.Accepted.Any(), StartUp + Delivery, $"the webhook after the restart; the app printed:\n{restarted.Output}");
            var delivered = receiver.Accepted.First();
            Assert.Equal((failed!.DeliveryId.ToString(), OutboundEventTypes.CaseEscalated, "restart-1"), (delivered.Id, delivered.Type, delivered.ConversationId));
            Assert.True(delivered.SignedWith(secret, out _));
            await Eventually.HoldsAsync(async () => (await EscalationAsync(dbFactory))?.DeliveredAt is not null, Delivery, "the delivery to be recorded");
        }
        finally
        {
            app?.Dispose();
            if (receiver is not null) await receiver.DisposeAsync();
        }
    }

    private static async Task<OutboundEvent?> EscalationAsync(IDbContextFactory<AgentConsoleDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.OutboundEvents.AsNoTracking().Where(e => e.Type == OutboundEventTypes.CaseEscalated).SingleOrDefaultAsync();
    }
}
