using System.Text.Json;
using AgentConsole.Core.Delivery;
using AgentConsole.Core.Integrations;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Delivery;

/// <summary>The routing engine writes what external bots hear of, from its events, in each command's transaction.</summary>
public sealed class OutboxProjectorTests
{
    [Fact]
    public async Task AcceptReplyAndResolveWriteAssignedMessageAndResolvedInOrder()
    {
        // Arrange
        await using var h = await HarnessAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana Silva", team);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();

        // Act
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        var messageId = await h.Engine.ReplyAsync(caseId, "I have **refunded** the second charge.", EngineHarness.As(ana));
        await h.Engine.ResolveAsync(caseId, "Refunded.", EngineHarness.As(ana));

        // Assert
        var rows = await RowsAsync(h);
        Assert.Equal([OutboundEventTypes.CaseAssigned, OutboundEventTypes.AgentMessage, OutboundEventTypes.CaseResolved], rows.Select(r => r.Type));
        Assert.Equal("Ana Silva", Data(rows[0]).GetProperty("agentName").GetString());
        var message = Data(rows[1]);
        Assert.Equal((messageId, "I have **refunded** the second charge.", "Ana Silva"),
            (message.GetProperty("messageId").GetInt64(), message.GetProperty("text").GetString(), message.GetProperty("agentName").GetString()));
        Assert.True(Data(rows[2]).GetProperty("csatRequested").GetBoolean());
        Assert.All(rows, r => Assert.Equal(caseId, Data(r).GetProperty("caseId").GetInt64()));
        Assert.All(rows, r => Assert.Equal("conv-1", r.ConversationExternalId));
        // The test bot has no callback URL: it pulls, so nothing waits for a webhook.
        Assert.All(rows, r => Assert.Null(r.NextAttemptAt));
    }

    [Fact]
    public async Task AWaitingCaseHearsItsPositionWhenItChangesOnly()
    {
        // Arrange: nobody can take billing cases, so they wait.
        await using var h = await HarnessAsync();
        var team = await h.TeamAsync("Billing");
        await h.AgentAsync("Ana", team, presence: AgentConsole.Core.Routing.Presence.Offline);
        await h.StartAsync();
        var first = await h.OpenCaseAsync();
        var second = await h.OpenCaseAsync();

        // Act: an urgent case goes ahead of both; then the urgent one is resolved, and both move up again.
        var urgent = await h.OpenCaseAsync(priority: CasePriority.Urgent);
        await h.Engine.ResolveAsync(urgent, "Handled by phone.", RoutingActor.ForSupervisor());
        // A note moves nothing in the queue.
        await h.Engine.AddNoteAsync(first, "Customer called again.", RoutingActor.ForSupervisor());

        // Assert
        var positions = (await RowsAsync(h)).Where(r => r.Type == OutboundEventTypes.QueuePosition)
            .Select(r => (Data(r).GetProperty("caseId").GetInt64(), Data(r).GetProperty("position").GetInt32())).ToList();
        Assert.Equal([(first, 1), (second, 2), (urgent, 1), (first, 2), (second, 3), (first, 1), (second, 2)], positions);
    }

    [Fact]
    public async Task ARestartDoesNotTellWaitingCasesTheirUnchangedPositionsAgain()
    {
        // Arrange: four cases wait and have been told 1 to 4; then the app restarts with a fresh projector.
        await using var h = await HarnessAsync();
        var team = await h.TeamAsync("Billing");
        await h.AgentAsync("Ana", team, presence: AgentConsole.Core.Routing.Presence.Offline);
        await h.StartAsync();
        await h.OpenCaseAsync();
        await h.OpenCaseAsync();
        var third = await h.OpenCaseAsync();
        var fourth = await h.OpenCaseAsync();
        var before = (await RowsAsync(h)).Count;
        h.Outbox = new OutboxProjector(new OutboxSignal());
        await h.RestartAsync();

        // Act: the queue moves for the first time since the restart: the third case leaves it.
        await h.Engine.ResolveAsync(third, "Handled by phone.", RoutingActor.ForSupervisor());

        // Assert: only the fourth, which moved up, is told; the first two kept their places and hear nothing again.
        var after = (await RowsAsync(h)).Skip(before).Where(r => r.Type == OutboundEventTypes.QueuePosition)
            .Select(r => (Data(r).GetProperty("caseId").GetInt64(), Data(r).GetProperty("position").GetInt32())).ToList();
        Assert.Equal([(fourth, 3)], after);
    }

    [Fact]
    public async Task WidgetConversationsWriteNothing()
    {
        // Arrange
        await using var h = await HarnessAsync();
        Guid widget;
        await using (var db = await h.DbFactory.CreateDbContextAsync())
        {
            var integration = new AgentConsole.Core.Integrations.Integration("Chat widget", ApiKeys.Generate(), h.Now, isBuiltIn: true);
            db.Integrations.Add(integration);
            await db.SaveChangesAsync();
            widget = integration.Id;
        }
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync(integration: widget);

        // Act
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        await h.Engine.ReplyAsync(caseId, "Hello from the desk.", EngineHarness.As(ana));
        await h.Engine.ResolveAsync(caseId, "Done.", EngineHarness.As(ana));

        // Assert
        Assert.Empty(await RowsAsync(h));
    }

    [Fact]
    public async Task ARefusedCommandWritesNothing()
    {
        // Arrange
        await using var h = await HarnessAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        var ben = await h.AgentAsync("Ben", team);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();
        // Either may get the offer: the one who does accepts it, and the other tries to answer.
        var holder = (await h.Engine.SnapshotAsync()).Cases.Single(c => c.Id == caseId).Holder;
        var (mine, other) = holder == ana.Id ? (ana, ben) : (ben, ana);
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(mine));
        var before = (await RowsAsync(h)).Count;

        // Act
        await Assert.ThrowsAsync<RoutingForbiddenException>(() => h.Engine.ReplyAsync(caseId, "Not mine to answer.", EngineHarness.As(other)));

        // Assert
        Assert.Equal(before, (await RowsAsync(h)).Count);
    }

    private static async Task<EngineHarness> HarnessAsync()
    {
        var h = await EngineHarness.CreateAsync();
        h.Outbox = new OutboxProjector(new OutboxSignal());
        return h;
    }

    private static async Task<List<OutboundEvent>> RowsAsync(EngineHarness h)
    {
        await h.Engine.FlushAsync();
        await using var db = await h.DbFactory.CreateDbContextAsync();
        return await db.OutboundEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    private static JsonElement Data(OutboundEvent row) => JsonDocument.Parse(row.Payload).RootElement;
}
