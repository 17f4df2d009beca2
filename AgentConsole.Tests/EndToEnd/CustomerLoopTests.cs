using System.Text.RegularExpressions;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AgentConsole.Tests.EndToEnd;

/// <summary>
/// The loop the desk exists for, in real Chromium: a customer talks to the bot in the widget on a
/// product page, is escalated, keeps talking to a human in the same conversation, and rates the help.
/// </summary>
public sealed class CustomerLoopTests : BrowserTestBase
{
    [Fact]
    public async Task ACustomerIsEscalatedTalksToAnAgentLiveAndRatesTheHelpWithoutRepeatingAnything()
    {
        // Arrange: Marcus, the billing specialist, is signed in but away, and everyone else is offline, so the case waits in the queue until he is free.
        var agent = await NewPageAsync();
        await SignInAsync(agent, Marcus, DemoUsers.LeadPassword);
        await OpenAsync(agent, "/queue");
        var marcus = await AgentIdAsync(Marcus);
        foreach (var other in (await Engine.SnapshotAsync()).Agents.Where(a => a.Id != marcus))
            await Engine.SetPresenceAsync(other.Id, Presence.Offline, RoutingActor.ForSupervisor());
        await Engine.SetPresenceAsync(marcus, Presence.Away, RoutingActor.ForSupervisor());
        // The demo's open cases are dealt with, so this customer's case is the next one and Marcus has room for it.
        foreach (var open in (await Engine.SnapshotAsync()).Cases)
            await Engine.ResolveAsync(open.Id, "Handled before the test.", RoutingActor.ForSupervisor());

        // 1. The customer opens a product page with the widget and tells the bot about a double charge.
        var customer = await NewPageAsync();
        await customer.GotoAsync("/chat/demo.html?page=billing");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Chat with support" }).ClickAsync();
        var widget = customer.GetByRole(AriaRole.Dialog, new() { Name = "Chat with support" });
        var box = widget.GetByLabel("Your message");
        await box.FillAsync("Hi, I was charged twice for March on my card ending 4242.");
        await box.PressAsync("Enter");
        var log = widget.GetByRole(AriaRole.Log);
        await Assertions.Expect(log.Locator(".acw-bot:not(.acw-intro)").First).ToBeVisibleAsync();

        // 2. The customer gets frustrated and is escalated (a double charge may escalate at once): the widget names who is coming and shows the queue.
        await box.FillAsync("This is ridiculous, that doesn't help at all. I want to talk to a real person NOW.");
        await box.PressAsync("Enter");
        await Assertions.Expect(log.GetByText(new Regex("^Connecting you with a .+ specialist"))).ToBeVisibleAsync();
        await Assertions.Expect(log.GetByText("I want to talk to a real person NOW.", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(widget.GetByText(new Regex("You're number 1 in the queue"))).ToBeVisibleAsync();
        await ScreenshotAsync(customer, "widget-queued");

        // 3. The agent becomes free and gets the offer live, with the customer's words and page in the case.
        long caseId;
        await using (var db = Factory.CreateDbContext())
            caseId = await db.Cases.Where(c => c.Conversation!.Channel == "chat").Select(c => c.Id).SingleAsync();
        await Engine.SetPresenceAsync(marcus, Presence.Available, RoutingActor.ForSupervisor());
        var routed = (await Engine.SnapshotAsync()).Cases.Single(c => c.Id == caseId);
        Assert.True(routed.Holder == marcus, $"{routed.Status} {routed.Card.Category} {routed.Card.Priority} {routed.Card.Tier} {routed.Card.RequiredSkill} {routed.Card.RoutingSummary}");
        var offer = agent.Locator($"[data-testid=offer][data-case-id='{caseId}']");
        await Assertions.Expect(offer).ToBeVisibleAsync();
        await offer.GetByTestId("accept").ClickAsync();
        var assigned = agent.Locator($"[data-testid=assigned-case][data-case-id='{caseId}']");
        await assigned.ClickAsync();
        await Assertions.Expect(agent).ToHaveURLAsync(new Regex($"/cases/{caseId}$"));
        await Assertions.Expect(agent.GetByTestId("briefing")).ToContainTextAsync("charged twice");
        await Assertions.Expect(agent.GetByTestId("page-context")).ToContainTextAsync("demo.html");
        await Assertions.Expect(widget.GetByText("Marcus Okafor has joined")).ToBeVisibleAsync();

        // 4. The agent replies; the customer sees it live under the agent's name, and answers.
        await Field(agent, "reply-text").FillAsync("Hi, I'm Marcus. I can see both March charges and I'm refunding the duplicate now.");
        await Assertions.Expect(widget.GetByText("Marcus Okafor is typing…")).ToBeVisibleAsync();
        await agent.GetByTestId("send-reply").ClickAsync();
        await Assertions.Expect(log.GetByText("I'm refunding the duplicate now.", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(log.Locator(".acw-agent .acw-name").First).ToContainTextAsync("Marcus Okafor");
        await box.FillAsync("Thank you, that's a relief.");
        await box.PressAsync("Enter");
        await Assertions.Expect(agent.GetByText("Thank you, that's a relief.").First).ToBeVisibleAsync();

        // 5. The agent resolves; the customer rates 5 with a comment.
        await agent.GetByTestId("open-resolve").ClickAsync();
        await Field(agent, "resolve-note").FillAsync("Refunded the duplicate March charge.");
        await agent.GetByTestId("confirm-resolve").ClickAsync();
        await Assertions.Expect(agent.GetByTestId("resolved")).ToBeVisibleAsync();
        await widget.GetByRole(AriaRole.Button, new() { Name = "5 stars" }).ClickAsync();
        await widget.GetByLabel("Comment (optional)").FillAsync("Marcus sorted it in minutes.");
        await widget.Locator(".acw-rate-form").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(widget.GetByText("Thanks for your feedback.")).ToBeVisibleAsync();
        await ScreenshotAsync(customer, "widget-rated");

        // 6. The rating is stored with the case, both sides show the same transcript, and nobody asked the customer to repeat.
        await using var check = Factory.CreateDbContext();
        var rating = await check.ChatRatings.SingleAsync();
        Assert.Equal((caseId, 5, "Marcus sorted it in minutes."), (rating.CaseId!.Value, rating.Score, rating.Comment));
        var conversationId = await check.Cases.Where(c => c.Id == caseId).Select(c => c.ConversationId).SingleAsync();
        var stored = await check.Messages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Id).Select(m => new { m.Author, m.Text }).ToListAsync();
        var shownToCustomer = await log.Locator(".acw-msg:not(.acw-intro) .acw-bubble").AllInnerTextsAsync();
        var shownToAgent = await agent.Locator("[data-testid=message] .text, [data-testid=trigger-message] .text").AllInnerTextsAsync();
        Assert.Equal(stored.Select(m => Normalize(m.Text)), shownToCustomer.Select(Normalize));
        Assert.Equal(stored.Select(m => Normalize(m.Text)), shownToAgent.Select(Normalize));
        Assert.DoesNotContain(stored.Where(m => m.Author is MessageAuthor.Agent or MessageAuthor.Bot),
            m => AsksToRepeat.IsMatch(m.Text));
        Assert.Matches(AsksToRepeat, "Sorry, could you tell me again which invoice it was?");
    }

    [Fact]
    public async Task TheWidgetWorksOnAPhoneSizedScreen()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true,
        });
        context.SetDefaultTimeout(30_000);
        var phone = await context.NewPageAsync();

        await phone.GotoAsync("/chat/");
        var widget = phone.GetByRole(AriaRole.Dialog, new() { Name = "Chat with support" });
        await widget.GetByLabel("Your message").FillAsync("How do I turn on two-factor authentication?");
        await widget.GetByLabel("Your message").PressAsync("Enter");
        await Assertions.Expect(widget.Locator(".acw-bot:not(.acw-intro)").First).ToBeVisibleAsync();

        var box = await widget.BoundingBoxAsync();
        Assert.True(box is { Width: >= 350 and <= 360 }, $"The panel is {box?.Width} px wide on a 360 px screen.");
        var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The page scrolls sideways on a phone.");
        await ScreenshotAsync(phone, "chat-widget-phone");
    }

    [Fact]
    public async Task TheThanksForARatingStayWhenTheStatusThatSaysItIsStoredArrivesBeforeTheAnswer()
    {
        // Arrange: the desk signals the stream as soon as the rating is stored, before it answers the send; on a busy
        // network the stream's status may come first. The page's fetch holds the answer back until it has, every time.
        var customer = await NewPageAsync();
        await customer.AddInitScriptAsync(HoldTheRatingsAnswerUntilTheStreamSaysRated);
        await customer.GotoAsync("/chat/demo.html?page=billing");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Chat with support" }).ClickAsync();
        var widget = customer.GetByRole(AriaRole.Dialog, new() { Name = "Chat with support" });
        var box = widget.GetByLabel("Your message");
        await box.FillAsync(Escalating);
        await box.PressAsync("Enter");
        await Assertions.Expect(widget.GetByRole(AriaRole.Log).GetByText(new Regex("^Connecting you with"))).ToBeVisibleAsync();
        long caseId;
        await using (var db = Factory.CreateDbContext())
            caseId = await db.Cases.Where(c => c.Conversation!.Channel == "chat").Select(c => c.Id).SingleAsync();
        await Engine.ResolveAsync(caseId, "Sorted on the phone.", RoutingActor.ForSupervisor());

        // Act
        await widget.GetByRole(AriaRole.Button, new() { Name = "4 stars" }).ClickAsync();
        await widget.Locator(".acw-rate-form").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        // Assert: the thanks show, and the order above is the one that happened.
        await Assertions.Expect(widget.GetByText("Thanks for your feedback.")).ToBeVisibleAsync();
        Assert.True(await customer.EvaluateAsync<bool>("() => window.__ratedStatusCameFirst === true"), "The stream's status did not come before the rating's answer.");
    }

    // Wraps fetch: the chat stream passes through, watched for a status that says the conversation is rated; the
    // rating's answer is handed to the panel only after that status, and after the panel has had a turn to read it.
    private const string HoldTheRatingsAnswerUntilTheStreamSaysRated = """
        (() => {
          let release;
          const rated = new Promise((resolve) => { release = resolve; });
          const original = window.fetch.bind(window);
          window.fetch = async (input, init) => {
            const url = typeof input === 'string' ? input : input.url;
            const response = await original(input, init);
            if (url.includes('/api/chat/rating')) {
              await rated;
              await new Promise((resolve) => setTimeout(resolve, 0));
              window.__ratedStatusCameFirst = true;
              return response;
            }
            if (!url.includes('/api/chat/stream') || !response.body) return response;
            const reader = response.body.getReader();
            const decoder = new TextDecoder();
            let text = '';
            const body = new ReadableStream({
              async pull(controller) {
                const { done, value } = await reader.read();
                if (done) { controller.close(); return; }
                controller.enqueue(value);
                text += decoder.decode(value, { stream: true });
                if (/"rated":\s*true/.test(text)) release();
              },
              cancel(reason) { return reader.cancel(reason); },
            });
            return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
          };
        })();
        """;

    // A request to hear it again ("could you repeat…", "what was the issue?"), not a promise that nobody will ask.
    private static readonly Regex AsksToRepeat = new(
        @"\b((could|can|would) you (please )?(repeat|say that again|tell me again|explain (it |that )?again|describe [a-z ]+ again)|please (repeat|re-?explain|tell me again)|what (was|is) (the|your) (problem|issue)\b)",
        RegexOptions.IgnoreCase);

    // Markdown renders to HTML in both places; compare the words.
    private static string Normalize(string text) => Regex.Replace(Regex.Replace(text, @"[*_#`>]", ""), @"\s+", " ").Trim();
}
