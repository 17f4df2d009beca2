using AgentConsole.Components.Pages.Queue;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Components.Cases;
using AgentConsole.Tests.Support;
using Bunit;
using AgentConsole.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentConsole.Tests.Components.Queue;

/// <summary>The agent's queue: live offers with a countdown, accept and decline, assigned cases and presence.</summary>
public sealed class MyQueueTests : LiveEngineTestBase
{
    [Fact]
    public async Task ShowsAnIncomingOfferWithACountdownToItsExpiry()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        SignInAs(priya);

        // Act
        var cut = Render<MyQueue>();
        Eventually(cut, () => Assert.Equal("0:30", cut.Find("[data-testid=offer] [data-testid=countdown] .value").TextContent));
        Harness.Clock.Advance(TimeSpan.FromSeconds(12));

        // Assert
        Eventually(cut, () => Assert.Equal("0:18", cut.Find("[data-testid=offer] [data-testid=countdown] .value").TextContent));
        Assert.Equal(@case.Id.ToString(), cut.Find("[data-testid=offer]").GetAttribute("data-case-id"));
        Assert.Contains("Sarah Chen", cut.Find("[data-testid=offer]").TextContent);
        // The offer holds a place in her capacity, and the load says it is an offer.
        Assert.Equal("Holding 1 of 3 (1 offered)", cut.Find("[data-testid=load]").TextContent);
    }

    [Fact]
    public async Task AcceptsOnceEvenWhenAcceptIsClickedTwice()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        SignInAs(priya);
        var cut = Render<MyQueue>();
        Eventually(cut, () => Assert.Single(cut.FindAll("[data-testid=offer]")));

        // Act: two clicks in the same turn of the dispatcher, before the engine has answered the first.
        await cut.DispatchAsync(() =>
        {
            var first = cut.Find("[data-testid=accept]").ClickAsync(new());
            var second = cut.Find("[data-testid=accept]").ClickAsync(new());
            return Task.WhenAll(first, second);
        });

        // Assert
        Eventually(cut, () => Assert.Single(cut.FindAll("[data-testid=assigned-case]")));
        await Harness.Engine.FlushAsync();
        Assert.Single(Harness.EventsOf<CaseAssigned>(), e => e.Case.CaseId == @case.Id && e.AgentId == priya.Id);
        Assert.Single(await LogAsync(@case.Id, CaseEventType.Accepted));
        Assert.Empty(cut.FindAll("[data-testid=offer]"));
        Assert.DoesNotContain(Snackbar.ShownSnackbars, s => s.Severity == Severity.Warning);
    }

    [Fact]
    public async Task AcceptingAnOfferThatIsNoLongerPendingSaysSoKindly()
    {
        // Arrange: the page hears of an offer the engine never made to Priya (it went to Omar).
        var (team, priya) = await BillingTeamAsync(capacity: 0);
        var omar = await Harness.AgentAsync("Omar Haddad", team, skills: (Skill.Billing, 5));
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        var offered = Assert.Single(Harness.EventsOf<CaseOffered>());
        Assert.Equal(omar.Id, offered.AgentId);
        SignInAs(priya);
        var cut = Render<MyQueue>();
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=no-offers]")));
        await Harness.Notifier.PublishAsync(offered with { AgentId = priya.Id });
        Eventually(cut, () => Assert.Single(cut.FindAll("[data-testid=offer]")));

        // Act
        await cut.Find("[data-testid=accept]").ClickAsync(new());

        // Assert
        Eventually(cut, () => Assert.Empty(cut.FindAll("[data-testid=offer]")));
        var warning = Assert.Single(Snackbar.ShownSnackbars, s => s.Severity == Severity.Warning);
        Assert.Contains("no longer open", warning.Message);
        Assert.Equal(omar.Id, (await Harness.CaseAsync(@case.Id)).OfferedAgentId);
    }

    [Fact]
    public async Task DecliningNeedsAReasonAndThenSendsIt()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        SignInAs(priya);
        var cut = Render<MyQueue>();
        Eventually(cut, () => Assert.Single(cut.FindAll("[data-testid=offer]")));
        await cut.Find("[data-testid=decline]").ClickAsync(new());

        // Act 1: no reason yet.
        Assert.True(cut.Find("[data-testid=confirm-decline]").HasAttribute("disabled"));
        await cut.Find("[data-testid=confirm-decline]").ClickAsync(new());
        await Harness.Engine.FlushAsync();

        // Assert 1: still offered to Priya.
        Assert.Equal(CaseStatus.Offered, (await Harness.CaseAsync(@case.Id)).Status);
        Assert.Single(cut.FindAll("[data-testid=offer]"));

        // Act 2
        await cut.Find("[data-testid=decline-reason]").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Not my area" });
        await cut.Find("[data-testid=confirm-decline]").ClickAsync(new());

        // Assert 2
        Eventually(cut, () => Assert.Empty(cut.FindAll("[data-testid=offer]")));
        var declined = Assert.Single(await LogAsync(@case.Id, CaseEventType.Declined));
        Assert.Equal("Not my area", declined.Comment);
        Assert.Contains(Harness.EventsOf<OfferWithdrawn>(), e => e.CaseId == @case.Id && e.AgentId == priya.Id && e.Reason == CaseEventReason.Declined);
    }

    [Fact]
    public async Task AnOfferMadeWhileThePageIsOpenAppearsLive()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        SignInAs(priya);
        var cut = Render<MyQueue>();
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=no-offers]")));

        // Act: the engine routes a new case and publishes the offer on the notifier.
        var @case = await OpenRichCaseAsync();

        // Assert
        Eventually(cut, () => Assert.Equal(@case.Id.ToString(), cut.Find("[data-testid=offer]").GetAttribute("data-case-id")));
        Assert.Empty(cut.FindAll("[data-testid=no-offers]"));
    }

    [Fact]
    public async Task ListsAssignedCasesByPriorityThenByTheSoonestReplyDeadline()
    {
        // Arrange: auto-assign, so every case lands on Priya; Normal cases get 10 minutes to a first reply, Urgent 3.
        var (_, priya) = await BillingTeamAsync(autoAssign: true, capacity: 5);
        await Harness.StartAsync();
        var normalEarly = await Harness.OpenCaseAsync(priority: CasePriority.Normal);
        // Less than the presence grace: Priya has no console open yet, and must stay Available.
        await Harness.AdvanceAsync(TimeSpan.FromSeconds(20));
        var normalLate = await Harness.OpenCaseAsync(priority: CasePriority.Normal);
        var urgent = await Harness.OpenCaseAsync(priority: CasePriority.Urgent);
        var low = await Harness.OpenCaseAsync(priority: CasePriority.Low);
        // Replying stops the deadline: the earlier Normal case now has none and goes after the later one.
        await Harness.Engine.ReplyAsync(normalEarly, "Hello, I'm on it.", ActorOf(priya));
        SignInAs(priya);

        // Act
        var cut = Render<MyQueue>();

        // Assert
        Eventually(cut, () => Assert.Equal(4, cut.FindAll("[data-testid=assigned-case]").Count));
        var order = cut.FindAll("[data-testid=assigned-case]").Select(e => long.Parse(e.GetAttribute("data-case-id")!)).ToList();
        Assert.Equal([urgent, normalLate, normalEarly, low], order);
    }

    [Fact]
    public async Task ThePresenceSwitcherSetsTheAgentsPresence()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        SignInAs(priya);
        var cut = Render<MyQueue>();
        Eventually(cut, () => Assert.NotNull(cut.FindComponent<PresenceSwitcher>()));

        // Act
        await cut.DispatchAsync(() => cut.FindComponent<PresenceSwitcher>().Instance.OnChange.InvokeAsync(Presence.InMeeting));

        // Assert
        var me = (await Harness.Engine.SnapshotAsync()).Agents.Single(a => a.Id == priya.Id);
        Assert.Equal(Presence.InMeeting, me.Presence);
        Eventually(cut, () => Assert.Equal(Presence.InMeeting, cut.FindComponent<PresenceSwitcher>().Instance.Presence));
        Assert.Contains("in a meeting", cut.Find("[data-testid=no-offers]").TextContent);
    }

    [Fact]
    public async Task CountsTheOpenConsoleAsTheAgentsConnection()
    {
        // Arrange: the layout carries one AgentConnection per circuit.
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        SignInAs(priya);

        // Act
        Render<AgentConsole.Components.Shared.AgentConnection>();
        await Harness.Engine.FlushAsync();
        var whileOpen = (await Harness.Engine.SnapshotAsync()).Agents.Single(a => a.Id == priya.Id).Connections;
        await DisposeComponentsAsync();
        await Harness.Engine.FlushAsync();
        var afterwards = (await Harness.Engine.SnapshotAsync()).Agents.Single(a => a.Id == priya.Id).Connections;

        // Assert
        Assert.Equal((1, 0), (whileOpen, afterwards));
    }

    [Fact]
    public async Task ALostBrowserConnectionClosesTheConsoleConnectionAndReconnectingInTimeKeepsThePresence()
    {
        // Arrange: Priya's console is open; Blazor reports her browser's connection through the circuit handler.
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        SignInAs(priya);
        Render<AgentConsole.Components.Shared.AgentConnection>();
        var circuit = Services.GetRequiredService<AgentConsole.Components.Shared.AgentCircuitConnection>();
        await Harness.Engine.FlushAsync();
        Assert.Equal(1, await ConnectionsAsync(priya.Id));

        // Act: the connection drops; she is back before the grace runs out. Then it drops for good.
        await circuit.OnConnectionDownAsync(null!, default);
        var whileDown = await ConnectionsAsync(priya.Id);
        await Harness.AdvanceAsync(TimeSpan.FromSeconds(Harness.Options.PresenceGraceSeconds - 1));
        await circuit.OnConnectionUpAsync(null!, default);
        var afterReconnect = await ConnectionsAsync(priya.Id);
        await Harness.AdvanceAsync(TimeSpan.FromSeconds(Harness.Options.PresenceGraceSeconds));
        var presenceAfterReconnect = (await Harness.StoredAgentAsync(priya.Id)).Presence;
        await circuit.OnConnectionDownAsync(null!, default);
        await Harness.AdvanceAsync(TimeSpan.FromSeconds(Harness.Options.PresenceGraceSeconds));

        // Assert
        Assert.Equal((0, 1, Presence.Available), (whileDown, afterReconnect, presenceAfterReconnect));
        Assert.Equal(Presence.Away, (await Harness.StoredAgentAsync(priya.Id)).Presence);
        Assert.Equal(0, await ConnectionsAsync(priya.Id));
    }

    private async Task<int> ConnectionsAsync(Guid agentId)
    {
        await Harness.Engine.FlushAsync();
        return (await Harness.Engine.SnapshotAsync()).Agents.Single(a => a.Id == agentId).Connections;
    }

    [Fact]
    public async Task MarksACaseWhoseCustomerWroteAfterTheAgentsReplyLiveAndFromTheStore()
    {
        // Arrange: Priya has answered her case and has her queue open.
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        await AcceptAsync(@case.Id, priya);
        await Harness.Engine.ReplyAsync(@case.Id, "Looking at the invoice now.", ActorOf(priya));
        SignInAs(priya);
        var cut = Render<MyQueue>();
        Eventually(cut, () => Assert.Contains("Replied", cut.Find("[data-testid=assigned-case]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=customer-waiting]"));

        // Act: the customer writes again (stored as ingestion stores it, and the engine told).
        var wroteAt = Harness.Now;
        await AddCustomerMessageAsync(@case.Id, "Any news? It's been a while.", wroteAt);
        Harness.Engine.ConversationUpdated(@case.Id);

        // Assert: marked live; a fresh page reads the same from the store; her next reply clears it.
        Eventually(cut, () => Assert.Contains(Labels.When(wroteAt, Harness.Now), cut.Find("[data-testid=customer-waiting]").TextContent));
        var fresh = Render<MyQueue>();
        Eventually(fresh, () => Assert.NotNull(fresh.Find("[data-testid=customer-waiting]")));
        await Harness.Engine.ReplyAsync(@case.Id, "Found it: the refund is on its way.", ActorOf(priya));
        Eventually(cut, () => Assert.Empty(cut.FindAll("[data-testid=customer-waiting]")));
        Assert.Empty(await new AwaitingReplyQuery(Harness.DbFactory).GetAsync([@case.Id]));
    }

    [Fact]
    public async Task ACustomerWritingBeforeTheFirstReplyLeavesTheDeadlineShowing()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        await AcceptAsync(@case.Id, priya);
        SignInAs(priya);
        var cut = Render<MyQueue>();
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=assigned-case] [data-testid=countdown]")));

        // Act
        await AddCustomerMessageAsync(@case.Id, "Hello? Anyone there?", Harness.Now);
        Harness.Engine.ConversationUpdated(@case.Id);
        await Harness.Engine.FlushAsync();

        // Assert: the deadline already says the customer waits; the store agrees nobody was answered yet.
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=assigned-case] [data-testid=countdown]")), Patience);
        Assert.Empty(cut.FindAll("[data-testid=customer-waiting]"));
        Assert.Empty(await new AwaitingReplyQuery(Harness.DbFactory).GetAsync([@case.Id]));
    }

    private async Task AddCustomerMessageAsync(long caseId, string text, DateTime at)
    {
        await using var db = await Harness.DbFactory.CreateDbContextAsync();
        var conversation = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Conversation!).SingleAsync();
        db.Messages.Add(conversation.AddMessage(AgentConsole.Core.Conversations.MessageAuthor.Customer, text, at, $"m-{Guid.NewGuid():N}"));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task ExplainsThatTheQueueIsForAgentsToASupervisor()
    {
        // Arrange
        await Harness.StartAsync();
        SignInAs(ConsoleRole.Supervisor, "Sofia Mendes");

        // Act
        var cut = Render<MyQueue>();

        // Assert
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=not-an-agent]")));
        Assert.Empty(cut.FindAll("[data-testid=offer]"));
    }
}
