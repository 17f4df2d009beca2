using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data.Seeding;
using Microsoft.Extensions.Options;

namespace AgentConsole.Hosting;

/// <summary>
/// The demo bot: while demo mode and <see cref="DemoOptions.LiveTraffic"/> are on, it plays scripted
/// customer conversations through the same ingestion path a real bot uses, one turn at a time, so
/// the console has live traffic: some conversations stay with the bot, others escalate.
/// </summary>
public sealed class DemoBot(
    IOptions<DemoOptions> options,
    ConversationIngestor ingestor,
    DemoDataSeeder seeder,
    TimeProvider time,
    ILogger<DemoBot> logger) : BackgroundService
{
    private sealed record Turn(string Type, string Text, double? Confidence = null);
    private sealed record Script(string CustomerId, string Page, string PageTitle, Turn[] Turns);

    private static readonly Script[] Scripts =
    [
        new("demo-diego-martinez", "https://app.northwind.example/exports", "Exports",
        [
            new("customer", "my scheduled export didn't arrive this morning"),
            new("bot", "Scheduled exports go out at 7:00 in your workspace's time zone. Could you check your spam folder?", 0.72),
            new("tried", "Checked the spam folder"),
            new("customer", "checked spam, nothing there. it worked every day until this week"),
            new("bot", "I'm sorry, I'm not sure what's going on. Let me check what else I can do.", 0.38),
            new("customer", "this is the third time I'm asking about this, I need the file for a client meeting"),
        ]),
        new("demo-ben-carter", "https://app.northwind.example/dashboards", "Dashboards",
        [
            new("customer", "how many dashboards can I have on the free plan?"),
            new("bot", "The free plan includes up to 5 dashboards. Upgrading to Pro removes the limit.", 0.93),
            new("customer", "great, thanks!"),
        ]),
        new("demo-aisha-khan", "https://app.northwind.example/settings/security", "Settings · Security",
        [
            new("customer", "I just got a login alert from a device in another country that isn't ours"),
            new("bot", "For your safety I'm connecting you with our security team right away.", 0.9),
        ]),
        new("demo-sarah-chen", "https://app.northwind.example/settings/billing", "Billing",
        [
            new("customer", "Our April invoice is $2,000 higher than our contract says"),
            new("bot", "I can see the April invoice. The difference comes from 8 additional seats added on April 3.", 0.66),
            new("customer", "We never added 8 seats. Please correct the invoice and refund the difference."),
        ]),
        new("demo-olivia-brooks", "https://app.northwind.example/reports", "Reports",
        [
            new("customer", "reports take forever to load"),
            new("bot", "Large reports can take a moment. Try narrowing the date range.", 0.61),
            new("customer", "already did. still slow"),
            new("bot", "You could also try clearing your browser cache.", 0.44),
            new("customer", "useless"),
            new("customer", "can I just talk to a real person please"),
        ]),
    ];

    private int _conversation;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !settings.LiveTraffic) return;

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.TrafficIntervalSeconds), time);
        while (!stoppingToken.IsCancellationRequested)
        {
            var script = Scripts[_conversation % Scripts.Length];
            var conversationId = $"demo-live-{time.GetUtcNow():yyyyMMddHHmmss}-{_conversation++}";
            try
            {
                var integrationId = await seeder.ActiveDemoIntegrationAsync(stoppingToken);
                if (integrationId is null) return;
                for (var i = 0; i < script.Turns.Length; i++)
                {
                    if (!await timer.WaitForNextTickAsync(stoppingToken)) return;
                    await PlayAsync(integrationId.Value, conversationId, script, i, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The demo bot skipped conversation {Conversation}.", conversationId);
            }
        }
    }

    private async Task PlayAsync(Guid integrationId, string conversationId, Script script, int index, CancellationToken cancellationToken)
    {
        var turn = script.Turns[index];
        var now = time.UtcNowDateTime();
        var id = $"{conversationId}-{index}";
        InboundEventData inbound = turn.Type switch
        {
            "customer" => new CustomerMessageEvent(id, now, "{}", turn.Text),
            "bot" => new BotMessageEvent(id, now, "{}", turn.Text, turn.Confidence),
            _ => new CustomerTriedEvent(id, now, "{}", turn.Text),
        };
        var batch = new EventBatch("web", index == 0 ? new CustomerReference(script.CustomerId, new CustomerProfile()) : null,
            index == 0 ? new PageSnapshot(script.Page, script.PageTitle, now) : null, [inbound]);
        var result = await ingestor.IngestAsync(integrationId, conversationId, batch, cancellationToken);
        if (result.OpenedCaseId is { } caseId) logger.LogInformation("Demo conversation {Conversation} escalated as case {Case}.", conversationId, caseId);
    }
}
