using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Triggers;

public sealed class TriggerEngineTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private readonly TriggerOptions _options = new();
    private readonly TriggerEngine _engine;

    public TriggerEngineTests() => _engine = new TriggerEngine(new KeywordClassifier(), () => _options);

    private static TriggerInput Customer(string text, int second = 0) => new(TriggerInputKind.CustomerMessage, text, Now.AddSeconds(second), MessageId: second + 1);
    private static TriggerInput Bot(string text, double? confidence = null, int second = 0) => new(TriggerInputKind.BotMessage, text, Now.AddSeconds(second), confidence, second + 1);

    private EscalationDecision Evaluate(params TriggerInput[] transcript) => _engine.Evaluate(transcript, null, Now.AddMinutes(1));

    private static Customer Profile(CustomerProfile profile)
    {
        var customer = new Customer("cus", Now);
        customer.Apply(profile, Now);
        return customer;
    }

    [Fact]
    public void AKeywordSaidThreeTimesEscalatesButTwiceDoesNot()
    {
        var twice = Evaluate(Customer("I'd like a refund for last month"), Customer("so about the refund, is it possible?", 10));
        var thrice = Evaluate(Customer("I'd like a refund for last month"), Customer("so about the refund, is it possible?", 10), Customer("refunds. please.", 20));

        Assert.DoesNotContain(twice.Reasons, r => r.Trigger == "keyword-repeat");
        var reason = Assert.Single(thrice.Reasons, r => r.Trigger == "keyword-repeat");
        Assert.Contains("\"refund\" said 3 times", reason.Evidence);
        Assert.True(thrice.Escalate);
    }

    [Fact]
    public void TwoLowConfidenceBotAnswersEscalateButOneDoesNot()
    {
        var once = Evaluate(Customer("my report looks odd"), Bot("Try refreshing the page.", 0.3, 1));
        var twice = Evaluate(Customer("my report looks odd"), Bot("Try refreshing the page.", 0.3, 1), Customer("still odd", 2), Bot("Maybe clear your cache?", 0.2, 3));

        Assert.False(once.Escalate);
        Assert.True(twice.Escalate);
        var reason = Assert.Single(twice.Reasons, r => r.Trigger == "bot-low-confidence");
        Assert.Equal(ReasonCategory.AutomationUncertainty, reason.Category);
        Assert.Contains("0.20", reason.Evidence);
        Assert.Equal(4, reason.MessageId);
    }

    [Theory]
    [InlineData("I'm sorry, I don't understand. Could you rephrase?")]
    [InlineData("I can't issue refunds on Enterprise contracts myself.")]
    [InlineData("Unfortunately I'm unable to help with that request.")]
    public void TheBotSayingItCannotHelpEscalates(string reply)
    {
        var decision = Evaluate(Customer("hello"), Bot(reply, 0.9, 1));

        Assert.True(decision.Escalate);
        Assert.Equal(ReasonCategory.AutomationUncertainty, Assert.Single(decision.Reasons, r => r.Trigger == "bot-cannot-help").Category);
    }

    [Fact]
    public void AConfidentHelpfulBotDoesNotEscalate()
    {
        var decision = Evaluate(Customer("how do I export a dashboard"), Bot("Open the dashboard and choose Share, then Export.", 0.95, 1));

        Assert.False(decision.Escalate);
        Assert.Equal(CasePriority.Low, decision.Priority);
    }

    [Fact]
    public void TheBotsOwnHandoffRequestEscalates()
    {
        var decision = Evaluate(Customer("hello"), new TriggerInput(TriggerInputKind.BotHandoff, "refund above my limit", Now.AddSeconds(2)));

        Assert.True(decision.Escalate);
        Assert.Contains(decision.Reasons, r => r.Trigger == "bot-handoff" && r.Evidence.Contains("refund above my limit"));
    }

    [Theory]
    [InlineData("someone logged into my account from another country")]
    [InlineData("I got a password reset email I didn't request a password for")]
    [InlineData("my phone was stolen and the app is logged in")]
    [InlineData("I lost my card yesterday at the station")]
    [InlineData("There are transactions on my statement I don't recognize")]
    [InlineData("Under GDPR I want you to delete my data")]
    [InlineData("We need your SOC 2 report before renewal")]
    public void SecurityIsAlwaysEscalatedAsUrgent(string text)
    {
        var decision = Evaluate(Customer(text));

        Assert.True(decision.Escalate);
        Assert.Equal(ReasonCategory.SecurityCompliance, decision.Reasons[0].Category);
        Assert.Equal(CasePriority.Urgent, decision.Priority);
        Assert.Equal(Skill.Security, decision.RequiredSkill);
        Assert.Equal(AgentTier.Senior, decision.Tier);
        Assert.Equal(IssueCategory.Security, decision.Category);
    }

    [Theory]
    [InlineData("I wasn't hacked, I just forgot my password")]
    [InlineData("how do I set up two-factor login")]
    [InlineData("no fraud here, I just want to change my card")]
    public void NegatedOrOrdinarySecurityWordsDoNotFireSecurity(string text)
    {
        var decision = Evaluate(Customer(text));

        Assert.DoesNotContain(decision.Reasons, r => r.Trigger == "security");
    }

    [Theory]
    [InlineData("I want a refund for the annual plan")]
    [InlineData("you charged me twice this month")]
    [InlineData("I'm going to file a chargeback with my bank")]
    [InlineData("I dispute this invoice")]
    public void BillingDisputesAreComplex(string text)
    {
        var decision = Evaluate(Customer(text));

        Assert.True(decision.Escalate);
        Assert.Contains(decision.Reasons, r => r.Trigger == "billing-dispute" && r.Category == ReasonCategory.Complexity);
        Assert.Equal(CasePriority.High, decision.Priority);
    }

    [Theory]
    [InlineData("I keep getting errors with my payment at checkout")]
    [InlineData("there is a problem with the payments on my card")]
    public void PaymentProblemsInAnyWordOrderAreDisputes(string text)
    {
        var decision = Evaluate(Customer(text));

        Assert.Contains(decision.Reasons, r => r.Trigger == "billing-dispute");
    }

    [Theory]
    [InlineData("I want to lodge a consumer complaint")]
    [InlineData("how do I file a formal complaint about your staff")]
    [InlineData("I'd like to make a claim against your company")]
    public void FilingAComplaintIsASentimentEscalation(string text)
    {
        var decision = Evaluate(Customer(text));

        Assert.True(decision.Escalate);
        Assert.Equal(ReasonCategory.Sentiment, Assert.Single(decision.Reasons, r => r.Trigger == "complaint").Category);
    }

    [Theory]
    [InlineData("how do I file a claim for my car accident")]
    [InlineData("what is the status of my insurance claim")]
    public void AnInsuranceClaimIsNotAComplaint(string text)
    {
        var decision = Evaluate(Customer(text));

        Assert.DoesNotContain(decision.Reasons, r => r.Trigger == "complaint");
    }

    [Theory]
    [InlineData("please close my Pro account")]
    [InlineData("I need information about the removal of my account")]
    [InlineData("my account is blocked and I don't know why")]
    [InlineData("why is my account on hold")]
    public void ClosingOrUnblockingAnAccountNeedsAHuman(string text)
    {
        var decision = Evaluate(Customer(text));

        Assert.True(decision.Escalate);
        Assert.Equal(ReasonCategory.Complexity, Assert.Single(decision.Reasons, r => r.Trigger == "account-action").Category);
    }

    [Theory]
    [InlineData("I want to cancel my order from yesterday")]
    [InlineData("how do I update the email on my account")]
    [InlineData("I don't want to close my account, just pause emails")]
    public void OrdinaryAccountRequestsAreNotAccountActions(string text)
    {
        var decision = Evaluate(Customer(text));

        Assert.DoesNotContain(decision.Reasons, r => r.Trigger == "account-action");
    }

    [Theory]
    [InlineData("what is your refund policy?")]
    [InlineData("where is my refund? I want to track my refund")]
    [InlineData("how long does a refund take")]
    [InlineData("I'm still waiting on a reimbursement of $95")]
    [InlineData("When will I receive the rebate of 120 euros?")]
    public void QuestionsAboutTheRefundProcessAreNotDisputes(string text)
    {
        var decision = Evaluate(Customer(text));

        Assert.DoesNotContain(decision.Reasons, r => r.Trigger == "billing-dispute");
    }

    [Theory]
    [InlineData("still waiting for my refund... I want a chargeback now", "chargeback")]
    [InlineData("what's your refund policy? you charged me twice", "charged me twice")]
    [InlineData("I'm waiting on a reimbursement and I also want compensation for the delay", "compensation")]
    public void AnExemptionQualifiesOnlyThePhraseItSpans(string text, string disputed)
    {
        var decision = Evaluate(Customer(text));

        Assert.Contains(disputed, Assert.Single(decision.Reasons, r => r.Trigger == "billing-dispute").Evidence, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("the app keeps crashing when I open reports")]
    [InlineData("exports used to work but since the update they fail")]
    public void SuspectedBugsEscalateAsProductDefects(string text)
    {
        var decision = Evaluate(Customer(text));

        Assert.True(decision.Escalate);
        Assert.Equal(ReasonCategory.ProductDefect, Assert.Single(decision.Reasons, r => r.Trigger == "suspected-bug").Category);
    }

    [Theory]
    [InlineData("I get error 0x80070005 on save", "0x80070005")]
    [InlineData("the page shows error code E4031", "E4031")]
    [InlineData("the API returned HTTP 503", "503")]
    public void AnErrorCodeIsASoftDefectSignal(string text, string code)
    {
        var decision = Evaluate(Customer(text));

        var reason = Assert.Single(decision.Reasons, r => r.Trigger == "error-code");
        Assert.Contains(code, reason.Evidence);
        Assert.False(decision.Escalate);
    }

    [Fact]
    public void AnOrderNumberIsNotAnErrorCode()
    {
        var decision = Evaluate(Customer("where is order ord123456 please"));

        Assert.DoesNotContain(decision.Reasons, r => r.Trigger == "error-code");
    }

    [Fact]
    public void SeveralCategoriesInOneConversationAddUp()
    {
        var two = Evaluate(Customer("my invoice shows the wrong plan name"), Customer("also my login page is slow", 10));
        var three = Evaluate(Customer("my invoice shows the wrong plan name"), Customer("also my login page is slow", 10), Customer("and the webhook for orders stopped", 20));

        Assert.Contains(two.Reasons, r => r.Trigger == "several-categories");
        Assert.False(two.Escalate);
        Assert.True(three.Escalate);
        Assert.Contains("Billing + AccountAccess + Integration", Assert.Single(three.Reasons, r => r.Trigger == "several-categories").Evidence);
    }

    [Fact]
    public void AValuableCustomerEscalatesSoonerAndHigher()
    {
        var transcript = new[] { Customer("my invoice shows the wrong plan name"), Customer("also my login page is slow", 10) };
        var enterprise = Profile(new CustomerProfile { Name = "Sarah Chen", Tier = CustomerTier.Enterprise, AnnualContractValue = 50_000m, CustomerSince = Now.AddYears(-2) });

        var small = _engine.Evaluate(transcript, Profile(new CustomerProfile { Tier = CustomerTier.Pro }), Now);
        var large = _engine.Evaluate(transcript, enterprise, Now);

        Assert.False(small.Escalate);
        Assert.True(large.Escalate);
        Assert.Equal(CasePriority.High, large.Priority);
        Assert.Contains(large.Reasons, r => r.Category == ReasonCategory.CustomerValue && r.Evidence.Contains("Enterprise account, $50,000 annual contract, 2-year customer"));
    }

    [Fact]
    public void CancellationFromAChurnRiskGoesToRetention()
    {
        var atRisk = Profile(new CustomerProfile { Tier = CustomerTier.Business, RecentDowngrade = true, LastFeedbackScore = 2 });

        var decision = _engine.Evaluate([Customer("I want to cancel my subscription at the end of the month")], atRisk, Now);

        Assert.True(decision.Escalate);
        Assert.Equal(Skill.Retention, decision.RequiredSkill);
        var reason = Assert.Single(decision.Reasons, r => r.Trigger == "churn-risk");
        Assert.Contains("recent downgrade, last CSAT 2/5", reason.Evidence);
    }

    [Fact]
    public void CancellationIntentAloneIsASoftSignal()
    {
        var decision = Evaluate(Customer("how do I cancel my subscription?"));

        Assert.Contains(decision.Reasons, r => r.Trigger == "churn-risk");
        Assert.False(decision.Escalate);
    }

    [Fact]
    public void SayingTheSameThingAgainCountsAsARepeat()
    {
        var decision = Evaluate(Customer("my export to csv is empty every time"), Bot("Try again?", 0.9, 1), Customer("my export to csv is empty every time", 2));

        Assert.Contains(decision.Reasons, r => r.Trigger == "repeated-concern");
    }

    [Fact]
    public void IncrementalStateMatchesAFullReevaluation()
    {
        TriggerInput[] transcript =
        [
            Customer("Hi, my invoice for March looks wrong", 0), Bot("Let me check.", 0.42, 5),
            Customer("I was charged twice, I want a refund", 30), Bot("I'm not sure I understand.", 0.3, 35),
            Customer("THIS IS RIDICULOUS, the refund please", 60), Customer("refund!!!", 70),
            new TriggerInput(TriggerInputKind.BotHandoff, "refund over limit", Now.AddSeconds(75)),
        ];
        var full = new TriggerState();
        _engine.Apply(full, transcript);

        var incremental = new TriggerState();
        foreach (var input in transcript)
        {
            // Each step goes through the store's JSON, as it does between batches.
            incremental = TriggerStateRecord.Deserialize(TriggerStateRecord.Serialize(incremental));
            _engine.Apply(incremental, [input]);
        }

        Assert.Equal(TriggerStateRecord.Serialize(full), TriggerStateRecord.Serialize(incremental));
        Assert.Equal(_engine.Decide(full, null, Now), _engine.Decide(incremental, null, Now), new DecisionComparer());
    }

    [Fact]
    public void DisabledTriggersDoNotFire()
    {
        _options.Security.Enabled = false;
        var engine = new TriggerEngine(new KeywordClassifier(), () => _options);

        var decision = engine.Evaluate([Customer("someone logged into my account")], null, Now);

        Assert.DoesNotContain(decision.Reasons, r => r.Category == ReasonCategory.SecurityCompliance);
    }

    [Fact]
    public void ChangedOptionsApplyWithoutANewEngine()
    {
        var current = new TriggerOptions();
        var engine = new TriggerEngine(new KeywordClassifier(), () => current);
        var before = engine.Evaluate([Customer("refund"), Customer("refund"), Customer("ok")], null, Now);

        current = new TriggerOptions { KeywordRepeat = { Threshold = 2 }, Complexity = { Enabled = false } };
        var after = engine.Evaluate([Customer("refund"), Customer("refund"), Customer("ok")], null, Now);

        Assert.DoesNotContain(before.Reasons, r => r.Trigger == "keyword-repeat");
        Assert.Contains(after.Reasons, r => r.Trigger == "keyword-repeat");
    }

    private sealed class DecisionComparer : IEqualityComparer<EscalationDecision>
    {
        public bool Equals(EscalationDecision? x, EscalationDecision? y) =>
            x is not null && y is not null && x with { Reasons = [] } == y with { Reasons = [] } &&
            x.Reasons.Select(r => (r.Category, r.Trigger, r.Evidence, r.MessageId)).SequenceEqual(y.Reasons.Select(r => (r.Category, r.Trigger, r.Evidence, r.MessageId)));
        public int GetHashCode(EscalationDecision obj) => obj.Score.GetHashCode();
    }
}
