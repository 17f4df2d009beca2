using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Hosting;
using AgentConsole.Tests.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentConsole.Tests.Components.Cases;

/// <summary>
/// Component tests against a real routing engine on a temporary SQLite file with a fake clock
/// (the <see cref="EngineHarness"/>): the components get the harness's engine, notifier, store and
/// clock, so what they do is what the engine stores and publishes.
/// </summary>
public abstract class LiveEngineTestBase : BunitTestBase, IAsyncLifetime
{
    protected EngineHarness Harness { get; private set; } = default!;

    protected ISnackbar Snackbar => Services.GetRequiredService<ISnackbar>();

    public async Task InitializeAsync()
    {
        Harness = await EngineHarness.CreateAsync();
        Services.AddSingleton(Harness.Notifier);
        Services.AddSingleton(Harness.DbFactory);
        Services.AddSingleton<TimeProvider>(Harness.Clock);
        Services.AddConsoleQueries();
        // Resolved when a component first asks, after the test has started (or restarted) the engine.
        Services.AddSingleton<IRoutingDesk>(_ => Harness.Engine);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // Components and services first (some MudBlazor services dispose only asynchronously): the
        // components close their connections on the engine, which is still running.
        await base.DisposeAsync();
        await Harness.DisposeAsync();
    }

    protected void SignInAs(Agent agent, ConsoleRole role = ConsoleRole.Agent) => SignInAs(role, agent.DisplayName, agent.Id, agent.TeamId);

    protected static RoutingActor ActorOf(Agent agent) => EngineHarness.As(agent);

    /// <summary>A Billing team that is offered cases (no auto-assign) with one available specialist.</summary>
    protected async Task<(AgentConsole.Core.Routing.Team Team, Agent Agent)> BillingTeamAsync(string agentName = "Priya Raman", bool autoAssign = false, int capacity = 3)
    {
        var team = await Harness.TeamAsync("Billing", autoAssign);
        var agent = await Harness.AgentAsync(agentName, team, capacity: capacity, skills: (Skill.Billing, 4));
        return (team, agent);
    }

    /// <summary>How long a test waits for a render: the engine and SQLite run for real, on a machine other builds share.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>Waits until <paramref name="assertion"/> passes on <paramref name="cut"/>, for up to <see cref="Patience"/>.</summary>
    protected static void Eventually<T>(IRenderedComponent<T> cut, Action assertion) where T : IComponent => cut.WaitForAssertion(assertion, Patience);

    /// <summary>The case's stored log entries of one type.</summary>
    protected async Task<IReadOnlyList<CaseEvent>> LogAsync(long caseId, CaseEventType type)
    {
        await using var db = await Harness.DbFactory.CreateDbContextAsync();
        return await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == caseId && e.Type == type).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>
    /// Opens a case the way an escalation does, with a real context: an Enterprise customer, a
    /// transcript in which the third message asks for a human (the reason points at it), one thing
    /// the bot and one the customer tried, two page views, and the briefing the writer makes of it
    /// (or <paramref name="briefing"/>). The engine routes it before this returns.
    /// </summary>
    protected async Task<RichCase> OpenRichCaseAsync(string? briefing = null, CasePriority priority = CasePriority.High, string pageUrl = "https://app.example.com/billing/invoices",
        string? customerId = null)
    {
        var now = Harness.Now;
        await using var db = await Harness.DbFactory.CreateDbContextAsync();
        // A given customer id is the same customer again: their earlier cases become recent cases.
        var customer = (customerId is null ? null : await db.Customers.SingleOrDefaultAsync(c => c.ExternalId == customerId))
            ?? new Customer(customerId ?? $"cust-{Guid.NewGuid():N}", now);
        customer.Apply(new CustomerProfile
        {
            Name = "Sarah Chen",
            Company = "Northwind Traders",
            Plan = "Enterprise Annual",
            Tier = CustomerTier.Enterprise,
            AnnualContractValue = 50_000m,
            CustomerSince = now.AddYears(-2).AddDays(-10),
            UsageTrend = UsageTrend.Declining,
            LastFeedbackScore = 2,
            Products = ["Analytics", "Billing Portal"],
        }, now);
        var conversation = new Conversation(Harness.Integration, $"conv-{Guid.NewGuid():N}", "web", now.AddMinutes(-10));
        conversation.AttachCustomer(customer);
        db.Conversations.Add(conversation);
        var first = conversation.AddMessage(MessageAuthor.Customer, "I was charged twice for March on my invoice", now.AddMinutes(-9), "m-1");
        var bot = conversation.AddMessage(MessageAuthor.Bot, "I can see two charges. Let me check the refund policy.", now.AddMinutes(-8), "m-2", botConfidence: 0.41);
        conversation.RecordAttempt(AttemptSource.Bot, "Looked up the refund policy", AttemptOutcome.Failed, now.AddMinutes(-8), "a-1");
        conversation.RecordAttempt(AttemptSource.Customer, "Cleared the browser cache", AttemptOutcome.Failed, now.AddMinutes(-7), "a-2");
        var human = conversation.AddMessage(MessageAuthor.Customer, "This is ridiculous, let me talk to a human", now.AddMinutes(-6), "m-3");
        conversation.RecordPageView("https://app.example.com/account", "Account", now.AddMinutes(-9), "p-1");
        conversation.RecordPageView(pageUrl, "Invoices", now.AddMinutes(-7), "p-2");
        db.Messages.AddRange(first, bot, human);
        await db.SaveChangesAsync();

        var decision = EscalationDecision.Escalated(
            [new EscalationReason(ReasonCategory.CustomerRequest, "explicit-request", "let me talk to a human", human.Id),
             new EscalationReason(ReasonCategory.CustomerValue, "enterprise", "Enterprise, $50,000 a year")],
            IssueCategory.Billing, 0.82, priority, Skill.Billing, AgentTier.Specialist, -0.6, SentimentTrend.Worsening);
        var context = await ContextPackageReader.ReadAsync(db, conversation, decision, now);
        var @case = new Case(conversation, decision, briefing ?? BriefingWriter.Write(context), now);
        @case.Queue(now);
        db.Cases.Add(@case);
        await db.SaveChangesAsync();
        await Harness.Engine.RouteNewCaseAsync(@case.Id);
        return new RichCase(@case.Id, first.Id, human.Id, BriefingWriter.SuggestedFirstMessage(context));
    }

    /// <summary>Starts the engine, opens the rich case, lets <paramref name="agent"/> accept it and renders it for them.</summary>
    protected async Task<(IRenderedComponent<AgentConsole.Components.Pages.Cases.CaseView> Cut, RichCase Case)> AcceptedCaseViewAsync(Agent agent)
    {
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        await AcceptAsync(@case.Id, agent);
        SignInAs(agent);
        var cut = Render<AgentConsole.Components.Pages.Cases.CaseView>(p => p.Add(x => x.CaseId, @case.Id));
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=case-actions]")));
        return (cut, @case);
    }

    /// <summary>An agent accepts the case's offer through the engine.</summary>
    protected Task AcceptAsync(long caseId, Agent agent) => Harness.Engine.AcceptOfferAsync(caseId, ActorOf(agent));
}

/// <summary>A case opened by <see cref="LiveEngineTestBase.OpenRichCaseAsync"/>: its id, its first and its trigger message, and the suggested greeting.</summary>
public sealed record RichCase(long Id, long FirstMessageId, long TriggerMessageId, string Greeting);
