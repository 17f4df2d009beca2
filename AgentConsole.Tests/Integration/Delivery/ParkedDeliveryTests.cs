using AgentConsole.Core.Common;
using AgentConsole.Core.Delivery;
using AgentConsole.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Delivery;

/// <summary>A delivery that keeps failing is parked, the conversation moves on, and the admin can send it again.</summary>
// The test moves the fake clock 5 s a tick to age the delivery past a minute; a request still on its way to the receiver
// during a tick must not time out, or the parked delivery's last error is a timeout rather than the receiver's 503.
public sealed class ParkedDeliveryTests() : DeliveryTestBase(new Dictionary<string, string?> { ["Delivery:ParkAfterMinutes"] = "1", ["Delivery:TimeoutSeconds"] = "120" })
{
    [Fact]
    public async Task ParkedAfterItsAgeThenLaterEventsGoAheadAndTheAdminRetriesIt()
    {
        // Arrange: the receiver refuses the escalation until told otherwise.
        await using var receiver = await WebhookReceiver.StartAsync();
        var refuseEscalation = true;
        receiver.Respond = (webhook, _) => Task.FromResult(refuseEscalation && webhook.Type == OutboundEventTypes.CaseEscalated ? 503 : 200);
        using var bot = await CreateBotAsync(receiver.Url);
        var admin = Factory.Services.GetRequiredService<DeliveryAdmin>();

        // Act: the escalation fails for over a minute.
        var caseId = await EscalateAsync(bot, "wh-park");
        ParkedDelivery? parked = null;
        await Eventually.HoldsAsync(async () => (parked = (await admin.ListParkedAsync(bot.Id)).SingleOrDefault()) is not null, Generous,
            "the escalation to be parked", tick: () => Tick(receiver, 5));

        // Assert: parked with its story, and the conversation's next event went ahead of it.
        Assert.Equal((OutboundEventTypes.CaseEscalated, "wh-park", "Webhook bot"), (parked!.Type, parked.ConversationExternalId, parked.IntegrationName));
        Assert.Contains("503", parked.LastError);
        Assert.True(parked.Attempts >= 2);
        await Eventually.HoldsAsync(() => receiver.Accepted.Any(a => a.Type == OutboundEventTypes.QueuePosition), Generous,
            "the queue position, after the parked escalation", tick: () => Tick(receiver));
        Assert.DoesNotContain(receiver.Accepted, a => a.Type == OutboundEventTypes.CaseEscalated);

        // Act: the bot is fixed, and the admin retries.
        refuseEscalation = false;
        await admin.RetryAsync(parked.Id, TestActors.Admin);

        // Assert
        await Eventually.HoldsAsync(() => receiver.Accepted.Any(a => a.Type == OutboundEventTypes.CaseEscalated), Generous, "the retried escalation");
        var escalated = receiver.Accepted.Single(a => a.Type == OutboundEventTypes.CaseEscalated);
        Assert.Equal(parked.DeliveryId.ToString(), escalated.Id);
        Assert.Equal(caseId, escalated.Data.GetProperty("caseId").GetInt64());
        Assert.Empty(await admin.ListParkedAsync(bot.Id));
        await Assert.ThrowsAsync<DomainException>(() => admin.RetryAsync(parked.Id, TestActors.Admin));
        // The retry is in the admins' audit log once; the refused second one is not.
        var audit = (await Factory.Services.GetRequiredService<AgentConsole.Core.Audit.AuditLog>().PageAsync(new(AgentConsole.Core.Audit.AuditActions.DeliveryRetried), 0, 10)).Entries;
        Assert.Equal((TestActors.Admin.UserId, $"delivery {parked.Id}"), (Assert.Single(audit).ActorId, audit[0].Target));
    }
}
