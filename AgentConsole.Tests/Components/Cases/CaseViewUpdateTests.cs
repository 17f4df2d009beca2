using AgentConsole.Components.Pages.Cases;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Core.Routing.Engine;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MessageAuthor = AgentConsole.Core.Conversations.MessageAuthor;

namespace AgentConsole.Tests.Components.Cases;

/// <summary>An open case view follows events by reading only the part each one changed, never the whole case again.</summary>
public sealed class CaseViewUpdateTests : LiveEngineTestBase
{
    private CountingDetailsQuery Full { get; set; } = default!;
    private CountingUpdatesQuery Parts { get; set; } = default!;

    [Fact]
    public async Task ANewCustomerMessageIsAppendedWithoutReadingTheWholeCaseAgain()
    {
        // Arrange
        var (cut, @case, _) = await PriyasOpenCaseAsync();
        var before = cut.FindAll("[data-testid$=message]").Count;

        // Act: the customer writes again, and ingestion tells the engine, which publishes CaseActivity.
        await using (var db = await Harness.DbFactory.CreateDbContextAsync())
        {
            var conversation = await db.Cases.Where(x => x.Id == @case.Id).Select(x => x.Conversation!).SingleAsync();
            db.Messages.Add(conversation.AddMessage(MessageAuthor.Customer, "A third charge showed up this morning", Harness.Now, "m-late"));
            await db.SaveChangesAsync();
        }
        Harness.Engine.ConversationUpdated(@case.Id);

        // Assert: the message is last in the transcript, read after the last one shown, by the partial read alone.
        Eventually(cut, () => Assert.Equal(before + 1, cut.FindAll("[data-testid$=message]").Count));
        Assert.Contains("A third charge showed up this morning", cut.FindAll("[data-testid$=message]").Last().TextContent);
        Assert.Equal(1, Full.Calls);
        Assert.Equal([@case.TriggerMessageId], Parts.ConversationAfter);
        Assert.Equal(0, Parts.StatusCalls);
    }

    [Fact]
    public async Task ANoteFromAnotherConsoleReadsOnlyTheNotesAndFlags()
    {
        // Arrange
        var (cut, @case, priya) = await PriyasOpenCaseAsync();

        // Act: a note and a flag from Priya's other console; the engine publishes CaseActivity for each.
        await Harness.Engine.AddNoteAsync(@case.Id, "Finance confirmed the double charge", ActorOf(priya));
        await Harness.Engine.FlagAsync(@case.Id, CaseFlag.CustomerRepeated, "Asked twice for the invoice number", ActorOf(priya));

        // Assert
        Eventually(cut, () => Assert.Contains("Asked twice for the invoice number", cut.Find("[data-testid=flagged-CustomerRepeated]").TextContent));
        Assert.Contains("Finance confirmed the double charge", cut.Find("[data-testid=note]").TextContent);
        Assert.Equal(1, Full.Calls);
        Assert.InRange(Parts.NotesCalls, 1, 2);
        Assert.Empty(Parts.ConversationAfter);
        Assert.Equal(0, Parts.StatusCalls);
    }

    [Fact]
    public async Task AReplyAppendsTheMessageAndEndsTheFirstReplyDeadline()
    {
        // Arrange
        var (cut, @case, priya) = await PriyasOpenCaseAsync();
        Eventually(cut, () => Assert.Contains("First reply due in", cut.Find("[data-testid=case-header]").TextContent));

        // Act: Priya answers from her other console.
        await Harness.Engine.ReplyAsync(@case.Id, "Hello Sarah, I am looking at the March invoice now.", ActorOf(priya));

        // Assert
        Eventually(cut, () => Assert.DoesNotContain("First reply due in", cut.Find("[data-testid=case-header]").TextContent));
        Eventually(cut, () => Assert.Contains(cut.FindAll("[data-testid=message]"), m => m.ClassList.Contains("agent") && m.TextContent.Contains("looking at the March invoice")));
        Assert.Equal(1, Full.Calls);
        Assert.Equal(1, Parts.StatusCalls);
    }

    [Fact]
    public async Task ARoutingEventReadsTheStatusAndTheAgentLosesACaseTakenFromThem()
    {
        // Arrange
        var (team, priya) = await BillingTeamAsync();
        var lead = await Harness.AgentAsync("Marcus Okafor", team, presence: Presence.Away, skills: (Skill.Billing, 5));
        var (cut, @case, _) = await PriyasOpenCaseAsync(priya);

        // Act: her lead takes the case back to the queue.
        await Harness.Engine.ReassignAsync(@case.Id, null, "Rebalancing", overrideCapacity: false, EngineHarness.AsLead(lead));

        // Assert
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=forbidden]")));
        Assert.Equal(1, Full.Calls);
        Assert.Equal(1, Parts.StatusCalls);
    }

    [Fact]
    public void EachEventNamesThePartsOfItsOwnCaseItChanged()
    {
        var at = new DateTime(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
        var team = Guid.NewGuid();

        Assert.Equal(CaseChanges.Conversation, CaseView.ChangesOf(new CaseActivity(at, 7, CaseActivityKind.Conversation, null, team), 7));
        Assert.Equal(CaseChanges.Conversation | CaseChanges.Status, CaseView.ChangesOf(new CaseActivity(at, 7, CaseActivityKind.Reply, null, team), 7));
        Assert.Equal(CaseChanges.Notes, CaseView.ChangesOf(new CaseActivity(at, 7, CaseActivityKind.Note, null, team), 7));
        Assert.Equal(CaseChanges.Notes, CaseView.ChangesOf(new CaseActivity(at, 7, CaseActivityKind.Flag, null, team), 7));
        Assert.Equal(CaseChanges.Status, CaseView.ChangesOf(new CaseResolved(at, 7, null, "Done", null, team), 7));
        Assert.Equal(CaseChanges.Status, CaseView.ChangesOf(new OfferWithdrawn(at, 7, Guid.NewGuid(), CaseEventReason.TimedOut, team), 7));
        Assert.Equal(CaseChanges.None, CaseView.ChangesOf(new CaseActivity(at, 8, CaseActivityKind.Note, null, team), 7));
        Assert.Equal(CaseChanges.None, CaseView.ChangesOf(new QueueChanged(at, 0, null, [], []), 7));
    }

    // Priya (a billing specialist, given or made here) has accepted the rich case; her page shows it, with its reads counted.
    private async Task<(IRenderedComponent<CaseView> Cut, RichCase Case, Agent Priya)> PriyasOpenCaseAsync(Agent? priya = null)
    {
        priya ??= (await BillingTeamAsync()).Agent;
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        await AcceptAsync(@case.Id, priya);
        Full = new CountingDetailsQuery(Harness.DbFactory, Harness.Clock);
        Parts = new CountingUpdatesQuery(Harness.DbFactory, Harness.Clock);
        Services.AddSingleton<CaseDetailsQuery>(Full);
        Services.AddSingleton<CaseUpdatesQuery>(Parts);
        SignInAs(priya);
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, @case.Id));
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=case-actions]")));
        return (cut, @case, priya);
    }

    private sealed class CountingDetailsQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time) : CaseDetailsQuery(dbFactory, time)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override Task<CaseDetailsResult> GetAsync(long caseId, RoutingActor actor, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return base.GetAsync(caseId, actor, cancellationToken);
        }
    }

    private sealed class CountingUpdatesQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time) : CaseUpdatesQuery(dbFactory, time)
    {
        private int _status, _notes;
        private readonly List<long> _conversationAfter = [];

        public int StatusCalls => Volatile.Read(ref _status);
        public int NotesCalls => Volatile.Read(ref _notes);

        /// <summary>The message id each conversation read started after.</summary>
        public IReadOnlyList<long> ConversationAfter
        {
            get { lock (_conversationAfter) return [.. _conversationAfter]; }
        }

        public override Task<CaseUpdate<CaseStatusUpdate>> StatusAsync(long caseId, RoutingActor actor, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _status);
            return base.StatusAsync(caseId, actor, cancellationToken);
        }

        public override Task<CaseUpdate<ConversationUpdate>> ConversationSinceAsync(long caseId, long afterMessageId, RoutingActor actor,
            CancellationToken cancellationToken = default)
        {
            lock (_conversationAfter) _conversationAfter.Add(afterMessageId);
            return base.ConversationSinceAsync(caseId, afterMessageId, actor, cancellationToken);
        }

        public override Task<CaseUpdate<CaseNotesAndFlags>> NotesAndFlagsAsync(long caseId, RoutingActor actor, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _notes);
            return base.NotesAndFlagsAsync(caseId, actor, cancellationToken);
        }
    }
}
