using AgentConsole.Components.Pages.Cases;
using AgentConsole.Core.Cases;
using MessageAuthor = AgentConsole.Core.Conversations.MessageAuthor;
using AgentConsole.Tests.Core.Routing.Engine;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Components.Cases;

/// <summary>The case view: the full context of a case, who may open it, and the work done on it.</summary>
public sealed class CaseViewTests : LiveEngineTestBase
{
    [Fact]
    public async Task ShowsTheBriefingTranscriptAndCustomerOfTheCase()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        await AcceptAsync(@case.Id, priya);
        SignInAs(priya);

        // Act
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, @case.Id));

        // Assert
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=briefing]")));
        Assert.Contains("Customer Sarah Chen", cut.Find("[data-testid=briefing]").TextContent);
        Assert.Contains("Suggested first message", cut.Find("[data-testid=briefing]").TextContent);
        var lines = cut.FindAll("[data-testid=message], [data-testid=trigger-message], [data-testid=attempt]").Select(e => e.TextContent).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Contains("I was charged twice", lines[0]);
        Assert.Contains("Bot", lines[1]);
        Assert.Contains("confidence 0.41", lines[1]);
        Assert.Contains("Bot tried:", lines[2]);
        Assert.Contains("did not work", lines[2]);
        Assert.Contains("Customer tried:", lines[3]);
        Assert.Contains("let me talk to a human", lines[4]);
        Assert.Contains("UTC", lines[0]);
        Assert.Equal("Enterprise · Enterprise Annual", cut.Find("[data-testid=customer-tier]").TextContent);
        Assert.Equal("$50,000", cut.Find("[data-testid=customer-value]").TextContent);
        Assert.StartsWith("2 years", cut.Find("[data-testid=customer-tenure]").TextContent);
        Assert.Contains("usage declining", cut.Find("[data-testid=customer-health]").TextContent);
        Assert.Contains("Billing Portal", cut.Find("[data-testid=customer-products]").TextContent);
        Assert.Equal("https://app.example.com/billing/invoices", cut.Find("a[data-testid=page-url]").GetAttribute("href"));
        Assert.Equal(2, cut.FindAll("[data-testid=reason]").Count);
        Assert.Equal("Specialists", cut.Find("[data-testid=decided-by]").TextContent);
        Assert.Contains("Why it came to me", cut.Find("[data-testid=routing-explanation]").TextContent);
        Assert.Contains(cut.FindAll("[data-testid=candidate]"), c => c.TextContent.Contains("Priya Raman"));
    }

    [Fact]
    public async Task HighlightsTheMessageThatFiredTheTrigger()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        SignInAs(priya);

        // Act
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, @case.Id));

        // Assert
        Eventually(cut, () => Assert.Single(cut.FindAll("[data-testid=trigger-message]")));
        var trigger = cut.Find("[data-testid=trigger-message]");
        Assert.Equal(@case.TriggerMessageId.ToString(), trigger.GetAttribute("data-message-id"));
        Assert.Contains("trigger", trigger.ClassList);
        Assert.Contains("Triggered: Asked for a human", trigger.TextContent);
    }

    [Fact]
    public async Task RendersScriptAndJavascriptLinksInTheBriefingAsHarmlessText()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync(
            briefing: "Hello <script>alert('x')</script> and [click me](javascript:alert(1)) and [docs](https://docs.example.com) <img src=x onerror=alert(2)>",
            pageUrl: "javascript:alert(3)");
        SignInAs(priya);

        // Act
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, @case.Id));

        // Assert
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=briefing]")));
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("[href^='javascript']"));
        Assert.Empty(cut.FindAll("[onerror]"));
        var briefing = cut.Find("[data-testid=briefing]");
        Assert.Contains("<script>alert('x')</script>", briefing.TextContent);
        Assert.Contains("click me", briefing.TextContent);
        Assert.Equal("https://docs.example.com", Assert.Single(briefing.QuerySelectorAll("a")).GetAttribute("href"));
        Assert.Equal("SPAN", cut.Find("[data-testid=page-url]").TagName);
    }

    [Fact]
    public async Task AnAgentCannotOpenSomeoneElsesCaseAndSeesNothingOfIt()
    {
        // Arrange: the case goes to Priya; Omar, on the same team, asks for it.
        var (team, priya) = await BillingTeamAsync();
        var omar = await Harness.AgentAsync("Omar Haddad", team, presence: Presence.Away, skills: (Skill.Billing, 2));
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        SignInAs(omar);

        // Act
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, @case.Id));

        // Assert
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=forbidden]")));
        Assert.Contains("not yours", cut.Find("[data-testid=forbidden]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=briefing]"));
        Assert.Empty(cut.FindAll("[data-testid=customer-panel]"));
        Assert.DoesNotContain("Sarah Chen", cut.Markup);
    }

    [Fact]
    public async Task ATeamLeadOpensTheirTeamsCaseButNotAnotherTeams()
    {
        // Arrange
        var (billing, priya) = await BillingTeamAsync();
        var billingLead = await Harness.AgentAsync("Marcus Okafor", billing, presence: Presence.Away, skills: (Skill.Billing, 5));
        var support = await Harness.TeamAsync("Support");
        var supportLead = await Harness.AgentAsync("Lena Novak", support, presence: Presence.Away, skills: (Skill.Technical, 5));
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        await AcceptAsync(@case.Id, priya);

        // Act: the billing lead opens the case; then, one page at a time as in a browser, the support lead.
        SignInAs(billingLead, ConsoleRole.TeamLead);
        var ours = Render<CaseView>(p => p.Add(x => x.CaseId, @case.Id));
        Eventually(ours, () => Assert.NotNull(ours.Find("[data-testid=briefing]")));
        var ourView = (Explanation: ours.Find("[data-testid=routing-explanation]").TextContent,
            Actions: ours.FindAll("[data-testid=case-actions]").Count, ReplyBoxes: ours.FindAll("[data-testid=reply-text]").Count);
        await DisposeComponentsAsync();
        SignInAs(supportLead, ConsoleRole.TeamLead);
        var theirs = Render<CaseView>(p => p.Add(x => x.CaseId, @case.Id));

        // Assert
        Eventually(theirs, () => Assert.NotNull(theirs.Find("[data-testid=forbidden]")));
        Assert.Contains("Why it went where it went", ourView.Explanation);
        Assert.Equal(1, ourView.Actions);
        Assert.Equal(0, ourView.ReplyBoxes);
    }

    [Fact]
    public async Task TheReplyBoxStartsWithTheSuggestedGreetingAndEnterSendsIt()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        Eventually(cut, () => Assert.Equal(@case.Greeting, cut.Find("[data-testid=reply-text]").GetAttribute("value")));

        // Act 1: Shift+Enter is a new line, not a send.
        await cut.Find("[data-testid=reply-text]").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter", ShiftKey = true });
        await Harness.Engine.FlushAsync();
        Assert.Empty(await LogAsync(@case.Id, CaseEventType.Replied));

        // Act 2
        await cut.Find("[data-testid=reply-text]").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        // Assert
        Assert.Single(await LogAsync(@case.Id, CaseEventType.Replied));
        Eventually(cut, () => Assert.Contains(cut.FindAll("[data-testid=message]"), m => m.ClassList.Contains("agent") && m.TextContent.Contains(@case.Greeting)));
        Assert.True(string.IsNullOrEmpty(cut.Find("[data-testid=reply-text]").GetAttribute("value")));
        Assert.Null((await Harness.CaseAsync(@case.Id)).FirstReplyDueAt);
    }

    [Fact]
    public async Task FeedbackFlagsAreRecordedThroughTheEngineWithTheirComment()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=feedback-flags]")));

        // Act
        await cut.Find("[data-testid=flag-Misrouted]").ClickAsync(new());
        await cut.Find("[data-testid=flag-comment]").InputAsync(new ChangeEventArgs { Value = "Needs an account manager" });
        await cut.Find("[data-testid=send-flag-Misrouted]").ClickAsync(new());

        // Assert
        Eventually(cut, () => Assert.Contains("Needs an account manager", cut.Find("[data-testid=flagged-Misrouted]").TextContent));
        var flagged = Assert.Single(await LogAsync(@case.Id, CaseEventType.Flagged));
        Assert.Equal((nameof(CaseFlag.Misrouted), priya.Id.ToString()), (flagged.Detail, flagged.ActorId));
        var flag = Assert.Single(await Harness.FlagsAsync(@case.Id));
        Assert.Equal((CaseFlag.Misrouted, "Needs an account manager", priya.Id.ToString()), (flag.Flag, flag.Comment, flag.ActorId));
        Assert.Single(cut.FindAll("[data-testid=flag-UnnecessaryEscalation]"));
    }

    [Fact]
    public async Task AnInternalNoteIsStoredAndListed()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=notes]")));

        // Act
        await cut.Find("[data-testid=note-text]").InputAsync(new ChangeEventArgs { Value = "Refund approved by finance <b>today</b>" });
        await cut.Find("[data-testid=add-note]").ClickAsync(new());

        // Assert
        Eventually(cut, () => Assert.Contains("Refund approved by finance <b>today</b>", cut.Find("[data-testid=note]").TextContent));
        Assert.Contains("Priya Raman", cut.Find("[data-testid=note]").TextContent);
        Assert.Equal("Refund approved by finance <b>today</b>", Assert.Single(await LogAsync(@case.Id, CaseEventType.Noted)).Comment);
    }

    [Fact]
    public async Task ResolvingKeepsTheCorrectedCategory()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=open-resolve]")));
        await cut.Find("[data-testid=open-resolve]").ClickAsync(new());

        // Act
        await cut.Find("[data-testid=resolve-note]").InputAsync(new ChangeEventArgs { Value = "Refunded the duplicate charge" });
        await cut.DispatchAsync(() => cut.FindComponent<MudBlazor.MudSelect<IssueCategory>>().Instance.ValueChanged.InvokeAsync(IssueCategory.Cancellation));
        await cut.Find("[data-testid=confirm-resolve]").ClickAsync(new());

        // Assert
        Eventually(cut, () => Assert.Contains("corrected from Billing", cut.Find("[data-testid=resolved]").TextContent));
        var stored = await Harness.CaseAsync(@case.Id);
        Assert.Equal((CaseStatus.Resolved, IssueCategory.Billing, (IssueCategory?)IssueCategory.Cancellation, "Refunded the duplicate charge"),
            (stored.Status, stored.Category, stored.ResolvedCategory, stored.ResolutionNote));
        Assert.Empty(cut.FindAll("[data-testid=case-actions]"));
        Assert.Empty(cut.FindAll("[data-testid=reply-text]"));
        Assert.NotNull(cut.Find("[data-testid=feedback-flags]"));
    }

    [Fact]
    public async Task ResolvesOnceEvenWhenResolveIsClickedTwice()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=open-resolve]")));
        await cut.Find("[data-testid=open-resolve]").ClickAsync(new());
        await cut.Find("[data-testid=resolve-note]").InputAsync(new ChangeEventArgs { Value = "Refunded the duplicate charge" });

        // Act: two clicks in the same turn of the dispatcher, before the engine has answered the first.
        await cut.DispatchAsync(() =>
        {
            var first = cut.Find("[data-testid=confirm-resolve]").ClickAsync(new());
            var second = cut.Find("[data-testid=confirm-resolve]").ClickAsync(new());
            return Task.WhenAll(first, second);
        });

        // Assert: one resolve stored and published, and no refusal shown for a second one.
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=resolved]")));
        await Harness.Engine.FlushAsync();
        Assert.Single(await LogAsync(@case.Id, CaseEventType.Resolved));
        Assert.Single(Harness.EventsOf<CaseResolved>(), e => e.CaseId == @case.Id);
        Assert.DoesNotContain(Snackbar.ShownSnackbars, s => s.Severity == MudBlazor.Severity.Warning);
    }

    [Fact]
    public async Task ThePageFollowsItsCaseWhenTheEngineChangesIt()
    {
        // Arrange: Priya has the case open; her lead takes it back to the queue from the team board.
        var (team, priya) = await BillingTeamAsync();
        var lead = await Harness.AgentAsync("Marcus Okafor", team, presence: Presence.Away, skills: (Skill.Billing, 5));
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        Eventually(cut, () => Assert.Equal("Assigned", cut.Find("[data-testid=case-status]").TextContent));

        // Act: the engine stores the change and publishes CaseReassigned on the notifier.
        await Harness.Engine.ReassignAsync(@case.Id, null, "Rebalancing", overrideCapacity: false, EngineHarness.AsLead(lead));

        // Assert
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=forbidden]")));
        Assert.Empty(cut.FindAll("[data-testid=briefing]"));
    }

    [Fact]
    public async Task ANoteTheAgentAddsAppearsLiveOnASupervisorsOpenPage()
    {
        // Arrange: a supervisor watches Priya's case.
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        await AcceptAsync(@case.Id, priya);
        SignInAs(ConsoleRole.Supervisor, "Sofia Mendes");
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, @case.Id));
        Eventually(cut, () => Assert.Contains("Assigned to Priya Raman", cut.Find("[data-testid=case-header]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=note]"));

        // Act: Priya notes the case from her own console; the engine publishes CaseActivity.
        await Harness.Engine.AddNoteAsync(@case.Id, "Finance confirmed the double charge", ActorOf(priya));

        // Assert
        Eventually(cut, () => Assert.Contains("Finance confirmed the double charge", cut.Find("[data-testid=note]").TextContent));
    }

    [Fact]
    public async Task ANewCustomerMessageAppearsInTheOpenTranscriptWithoutAReload()
    {
        // Arrange: Priya has her case open.
        var (_, priya) = await BillingTeamAsync();
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        Eventually(cut, () => Assert.NotEmpty(cut.FindAll("[data-testid$=message]")));
        var before = cut.FindAll("[data-testid$=message]").Count;

        // Act: the customer writes again (stored as ingestion stores it), and ingestion tells the engine.
        await using (var db = await Harness.DbFactory.CreateDbContextAsync())
        {
            var conversation = await db.Cases.Where(x => x.Id == @case.Id).Select(x => x.Conversation!).SingleAsync();
            db.Messages.Add(conversation.AddMessage(MessageAuthor.Customer, "I also see a third charge now", Harness.Now, "m-late"));
            await db.SaveChangesAsync();
        }
        Harness.Engine.ConversationUpdated(@case.Id);

        // Assert
        Eventually(cut, () => Assert.Equal(before + 1, cut.FindAll("[data-testid$=message]").Count));
        Assert.Contains("I also see a third charge now", cut.FindAll("[data-testid$=message]").Last().TextContent);
    }

    [Fact]
    public async Task RecentCasesLinkOnlyWhereTheReaderMayGoAndShowHowEachEnded()
    {
        // Arrange: the same customer had a case with Priya and one with Ben; now a third comes to Priya.
        var (team, priya) = await BillingTeamAsync();
        var ben = await Harness.AgentAsync("Ben Ortiz", team, presence: Presence.Away, skills: (Skill.Billing, 4));
        await Harness.StartAsync();
        var mine = await OpenRichCaseAsync(customerId: "cust-repeat");
        await AcceptAsync(mine.Id, priya);
        await Harness.Engine.ResolveAsync(mine.Id, "Refunded the duplicate March charge.", ActorOf(priya));
        await Harness.Engine.SetPresenceAsync(priya.Id, Presence.Away, ActorOf(priya));
        await Harness.Engine.SetPresenceAsync(ben.Id, Presence.Available, ActorOf(ben));
        var bens = await OpenRichCaseAsync(customerId: "cust-repeat");
        await AcceptAsync(bens.Id, ben);
        await Harness.Engine.ResolveAsync(bens.Id, "Sent the corrected April invoice.", ActorOf(ben));
        await Harness.Engine.SetPresenceAsync(ben.Id, Presence.Away, ActorOf(ben));
        await Harness.Engine.SetPresenceAsync(priya.Id, Presence.Available, ActorOf(priya));
        var now = await OpenRichCaseAsync(customerId: "cust-repeat");
        await AcceptAsync(now.Id, priya);
        SignInAs(priya);

        // Act
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, now.Id));

        // Assert: her own earlier case is a link; Ben's is not, but its outcome is there.
        Eventually(cut, () => Assert.Equal(2, cut.FindAll("[data-testid=recent-case]").Count));
        var own = cut.Find($"[data-testid=recent-case][data-case-id='{mine.Id}']");
        var other = cut.Find($"[data-testid=recent-case][data-case-id='{bens.Id}']");
        Assert.Equal($"cases/{mine.Id}", own.QuerySelector("[data-testid=recent-case-link]")!.GetAttribute("href"));
        Assert.Null(other.QuerySelector("a"));
        Assert.Equal("Refunded the duplicate March charge.", own.QuerySelector("[data-testid=recent-case-outcome]")!.TextContent);
        Assert.Equal("Sent the corrected April invoice.", other.QuerySelector("[data-testid=recent-case-outcome]")!.TextContent);
    }

    [Fact]
    public async Task AnUnknownCaseSaysSo()
    {
        // Arrange
        await Harness.StartAsync();
        SignInAs(ConsoleRole.Supervisor, "Sofia Mendes");

        // Act
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, 4242));

        // Assert
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=not-found]")));
    }
}
