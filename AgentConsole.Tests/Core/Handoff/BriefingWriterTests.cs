using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Tests.Core.Handoff;

public sealed class BriefingWriterTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    private static Customer Sarah()
    {
        var customer = new Customer("cus-sarah", Now);
        customer.Apply(new CustomerProfile
        {
            Name = "Sarah Chen", Company = "Northwind Analytics", Tier = CustomerTier.Enterprise, AnnualContractValue = 50_000m,
            CustomerSince = Now.AddYears(-2).AddDays(-3), UsageTrend = UsageTrend.Declining, LastFeedbackScore = 2,
        }, Now);
        return customer;
    }

    private static EscalationDecision Decision(double sentiment = -0.4, params EscalationReason[] reasons) => new(
        true, reasons.Length > 0 ? reasons : [new EscalationReason(ReasonCategory.Complexity, "billing-dispute", "charged twice for March")],
        IssueCategory.Billing, 0.91, CasePriority.Urgent, Skill.Billing, AgentTier.Senior, sentiment, SentimentTrend.Worsening, 2, 0.6);

    private static ContextPackage Package(Customer? customer, EscalationDecision decision, params TranscriptLine[] transcript) => new(
        Guid.NewGuid(), "conv-1", "web", customer, transcript,
        [
            new AttemptLine(AttemptSource.Bot, "Looked up March invoices: two charges of $4,166.67", AttemptOutcome.Succeeded, Now),
            new AttemptLine(AttemptSource.Customer, "Checked with our finance team", AttemptOutcome.Unknown, Now),
        ],
        new PageView("https://app.example.com/billing", "Billing · Invoices", Now), [],
        [new RecentCase(7, IssueCategory.Technical, CaseStatus.Resolved, Now.AddDays(-10), Now.AddDays(-9))], decision, Now);

    [Fact]
    public void OpensWithWhoTheCustomerIsAndWhatTheySaid()
    {
        var briefing = BriefingWriter.Write(Package(Sarah(), Decision(),
            new TranscriptLine(1, MessageAuthor.Customer, "hi", Now, null),
            new TranscriptLine(2, MessageAuthor.Customer, "We were charged twice for March, invoices 20931 and 20957", Now, null),
            new TranscriptLine(3, MessageAuthor.Bot, "I can confirm two charges.", Now, 0.4),
            new TranscriptLine(4, MessageAuthor.Customer, "Please refund the duplicate before month end", Now, null)));

        Assert.True(briefing.StartsWith("**Customer Sarah Chen** (Enterprise account, 2-year customer, $50K annual contract, Northwind Analytics) reports a billing issue: “We were charged twice for March", StringComparison.Ordinal), briefing);
        Assert.Contains("Latest from the customer: “Please refund the duplicate before month end”", briefing);
        Assert.Contains("Looked up March invoices: two charges of $4,166.67 — worked", briefing);
        Assert.Contains("**What the customer already tried:**\n- Checked with our finance team", briefing);
        Assert.Contains("- Complexity: charged twice for March", briefing);
        Assert.Contains("**Current emotional state:** frustrated but professional, and getting worse", briefing);
        Assert.Contains("**Account health:** at risk: usage declining, last CSAT 2/5", briefing);
        Assert.Contains("[Billing · Invoices](<https://app.example.com/billing>)", briefing);
        Assert.Contains("#7 Technical (resolved 9 days ago)", briefing);
    }

    [Fact]
    public void TheCasePageFindsTheDetailSectionsTheWriterWrote()
    {
        var briefing = BriefingWriter.Write(Package(Sarah(), Decision(-0.4,
                new EscalationReason(ReasonCategory.Complexity, "billing-dispute", "charged twice for March"),
                new EscalationReason(ReasonCategory.CustomerValue, "customer-value", "Enterprise account")),
            new TranscriptLine(1, MessageAuthor.Customer, "We were charged twice for March, invoices 20931 and 20957", Now, null)));

        var parts = BriefingSections.Split(briefing);

        Assert.Equal([null, ContextElements.BriefingBotAttempts, ContextElements.BriefingCustomerTries, ContextElements.BriefingReasons, null],
            parts.Select(p => p.Element));
        Assert.Equal([null, "What the bot already did (1 attempt)", "What the customer already tried (1 attempt)", "Why it escalated (2 reasons)", null],
            parts.Select(p => p.Label));
        Assert.Contains("Customer Sarah Chen", parts[0].Html);
        Assert.Contains("Looked up March invoices", parts[1].Html);
        Assert.DoesNotContain("What the bot already did", parts[1].Html);
        Assert.Contains("Checked with our finance team", parts[2].Html);
        Assert.Contains("Customer value: Enterprise account", parts[3].Html);
        // The facts after the reasons and the suggested first message stay open, outside the reasons.
        Assert.DoesNotContain("Current emotional state", parts[3].Html);
        Assert.Contains("Current emotional state", parts[4].Html);
        Assert.Contains("Suggested first message", parts[4].Html);
    }

    [Fact]
    public void CustomerWordsThatLookLikeASectionHeadingStayInTheOpenText()
    {
        var briefing = BriefingWriter.Write(Package(Sarah(), Decision(),
            new TranscriptLine(1, MessageAuthor.Customer, "**Why it escalated:**\n\n**What the bot already did:** nothing at all, really", Now, null)));

        var parts = BriefingSections.Split(briefing);

        Assert.Equal(3, parts.Count(p => p.Element is not null));
        Assert.Contains("nothing at all, really", parts[0].Html);
        Assert.Null(parts[0].Element);
    }

    [Fact]
    public void ABriefingWithoutSectionsIsOneOpenStretch()
    {
        var parts = BriefingSections.Split("**Customer Ann** needs help.\n\n- **Current emotional state:** calm.\n");

        var part = Assert.Single(parts);
        Assert.Null(part.Element);
        Assert.Contains("Current emotional state", part.Html);
    }

    [Fact]
    public void SuggestsAFirstMessageThatAcknowledgesWhatTheCustomerSaidAndTried()
    {
        var package = Package(Sarah(), Decision(), new TranscriptLine(1, MessageAuthor.Customer, "We were charged twice for March!", Now, null));

        var message = BriefingWriter.SuggestedFirstMessage(package);

        Assert.StartsWith("Hi Sarah, ", message);
        Assert.Contains("no need to repeat anything", message);
        Assert.Contains("you mentioned \"We were charged twice for March\"", message);
        Assert.Contains("you've already tried checked with our finance team", message.Replace("Checked", "checked"));
        Assert.Contains("looking into the charges", message);
    }

    [Fact]
    public void CustomerTextCannotInjectHtmlOrLinksIntoTheRenderedBriefing()
    {
        var hostile = "<script>alert('x')</script> [free money](javascript:alert(1)) ![p](data:image/png;base64,AAAA) <img src=x onerror=alert(1)>";
        var customer = new Customer("cus-x", Now);
        customer.Apply(new CustomerProfile { Name = "<b>Mallory</b> [x](javascript:alert(2))" }, Now);
        var package = Package(customer, Decision(-0.2, new EscalationReason(ReasonCategory.Sentiment, "frustration", hostile)),
            new TranscriptLine(1, MessageAuthor.Customer, hostile, Now, null)) with
        {
            Page = new PageView("javascript:alert(3)", "<script>t</script>", Now),
        };

        var html = SafeMarkdown.ToHtml(BriefingWriter.Write(package));

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>Mallory", html);
        Assert.DoesNotContain("javascript:alert(1)\"", html);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert", html);
    }

    [Theory]
    [InlineData(-0.8, true, "angry")]
    [InlineData(-0.4, true, "frustrated but professional")]
    [InlineData(-0.2, false, "concerned")]
    [InlineData(0.5, false, "positive")]
    [InlineData(0.0, false, "calm")]
    public void DescribesTheEmotionalState(double sentiment, bool frustrated, string expected)
    {
        var reasons = frustrated ? new[] { new EscalationReason(ReasonCategory.Sentiment, "frustration", "x") } : [new EscalationReason(ReasonCategory.CustomerRequest, "human-request", "x")];
        var decision = Decision(sentiment, reasons) with { SentimentTrend = SentimentTrend.Steady };

        Assert.Equal(expected, BriefingWriter.EmotionalState(decision));
    }

    [Fact]
    public void AnUnidentifiedCustomerStillGetsABriefing()
    {
        var briefing = BriefingWriter.Write(Package(null, Decision(), new TranscriptLine(1, MessageAuthor.Customer, "my invoice is wrong", Now, null)));

        Assert.StartsWith("**An unidentified customer** reports a billing issue", briefing);
        Assert.DoesNotContain("Account health", briefing);
    }
}
