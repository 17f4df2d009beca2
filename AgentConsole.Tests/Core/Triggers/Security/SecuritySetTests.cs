using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Core.Triggers.Rules;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Triggers.Security;

/// <summary>
/// A written set of security incidents and of ordinary questions that use security words. Incidents
/// must fire; questions about features, policies and covers, and disclaimers ("I wasn't hacked"), must
/// not, neither through the phrase rules nor through the classifier's vote. Every sentence here was
/// written for this test.
/// </summary>
public sealed class SecuritySetTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private readonly TriggerOptions _options = new();
    private readonly RuleSet _rules;

    public SecuritySetTests() => _rules = new RuleSet(_options);

    [Theory]
    [InlineData("there are two payments on my card I don't recognise")]
    [InlineData("someone has changed the email on my account and it wasn't me")]
    [InlineData("my wallet was stolen this morning with both cards in it")]
    [InlineData("got a text with a reset code I never asked for")]
    [InlineData("I can see another customer's order history in my account")]
    [InlineData("please delete all the personal data you hold about me")]
    [InlineData("remove my details from your mailing system, I left years ago")]
    [InlineData("I think I typed my bank login into a phishing site")]
    [InlineData("an email pretending to be you asked for my PIN and I got phished")]
    public void IncidentsFireTheSecurityRule(string text) =>
        Assert.NotNull(_rules.ScanCustomer(text).Security);

    [Theory]
    [InlineData("what does your privacy policy say about cookies")]
    [InlineData("is identity theft cover included in the premium plan")]
    [InlineData("where is the report phishing button in the app")]
    [InlineData("what is your fraud policy for online purchases")]
    [InlineData("how do I turn on two-factor authentication")]
    [InlineData("how do I change my password")]
    [InlineData("what security features does the business account have")]
    public void ProductAndPolicyQuestionsDoNotFireTheRule(string text) =>
        Assert.Null(_rules.ScanCustomer(text).Security);

    [Theory]
    [InlineData("I wasn't hacked, I just forgot which email I used")]
    [InlineData("my card wasn't stolen, it's just worn out")]
    [InlineData("this isn't a fraud thing, I just can't match a payment to a bill")]
    public void ADisclaimerIsNotedAndFiresNothing(string text)
    {
        var signals = _rules.ScanCustomer(text);

        Assert.Null(signals.Security);
        Assert.True(signals.SecurityDisclaimed);
    }

    [Theory]
    [InlineData("if my phone was stolen abroad, would the travel cover pay for a new one")]
    [InlineData("If someone used my card online, how long would a refund take?")]
    public void ASupposedIncidentIsNotARuleHit(string text) =>
        Assert.Null(_rules.ScanCustomer(text).Security);

    [Theory]
    [InlineData("please freeze my joint savings account while I sort this out", "freeze my joint savings account")]
    [InlineData("can you block the SIM on my work phone, it was left on the bus", "block the SIM")]
    [InlineData("lock my credit card now please", "lock my credit card")]
    [InlineData("I need to block both cards on the account", "block both cards")]
    [InlineData("could someone put a freeze on my account until Monday", "freeze on my account")]
    public void ARequestToStopSomethingBeforeItIsMisusedIsASecurityCase(string text, string quoted)
    {
        var security = _rules.ScanCustomer(text).Security;

        Assert.NotNull(security);
        Assert.Contains(quoted, security, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("my card is blocked again, the shop couldn't take the payment")]
    [InlineData("there's a block on my account and I can't pay rent")]
    [InlineData("don't block my card, I found it in my coat")]
    [InlineData("how do I lock the account of someone who is off sick")]
    [InlineData("my phone keeps freezing when I open the card screen")]
    [InlineData("the account screen locks up when I add a card")]
    public void ReportsQuestionsAndRefusalsAreNotProtectiveRequests(string text) =>
        Assert.Null(_rules.ScanCustomer(text).Security);

    [Theory]
    [InlineData("can you check whether my new login alerts are on", false)]
    [InlineData("could someone check the sign-ins on my account from this morning", false)]
    [InlineData("can I turn on login alerts for the whole team", true)]
    [InlineData("is anyone else getting sign-in alerts today", true)]
    public void AModalAddressedToTheDeskAsksForActionNotHowThingsWork(string text, bool opensAsQuestion) =>
        Assert.Equal(opensAsQuestion, _rules.ScanCustomer(text).OpensAsQuestion);

    [Theory]
    [InlineData("getting low disk warnings on the laptop, what's safe to delete?", true)]
    [InlineData("the reminder says my password expires in 5 days; can I change it early?", true)]
    [InlineData("a text asked me to pay a release fee for my parcel. Is that actually you?", false)]
    [InlineData("my card was declined twice today, can you check it?", false)]
    public void AClosingClauseThatAsksHowThingsWorkIsAQuestionButASeparateSentenceIsNot(string text, bool opensAsQuestion) =>
        Assert.Equal(opensAsQuestion, _rules.ScanCustomer(text).OpensAsQuestion);

    [Fact]
    public void AnExemptedPhraseDefersTheClassifierVoteToo()
    {
        var decision = Decide("quick one about your privacy policy: do you sell email addresses", security: 0.9);

        Assert.DoesNotContain(decision.Reasons, r => r.Category == ReasonCategory.SecurityCompliance);
    }

    [Fact]
    public void AnIncidentStandsBesideADisclaimer()
    {
        var signals = _rules.ScanCustomer("I wasn't hacked before, but today someone changed my password");

        Assert.NotNull(signals.Security);
        Assert.False(signals.SecurityDisclaimed);
    }

    [Theory]
    [InlineData("how do I set up login alerts for my team", false)]
    [InlineData("is there a way to see which devices are signed in", false)]
    [InlineData("there's a sign-in alert on my phone from a city I've never been to", true)]
    [InlineData("can you look at the sign-ins on my account from last night", true)]
    public void AGeneralQuestionNeedsASurerClassifierVote(string text, bool fires)
    {
        // Between the two bars: enough for a statement, not for a question.
        var decision = Decide(text, security: 0.45);

        Assert.Equal(fires, decision.Reasons.Any(r => r.Category == ReasonCategory.SecurityCompliance));
    }

    [Fact]
    public void ADisclaimerOverrulesEvenASureClassifierVote()
    {
        var decision = Decide("I wasn't hacked or anything, I just can't remember my username", security: 0.9);

        Assert.DoesNotContain(decision.Reasons, r => r.Category == ReasonCategory.SecurityCompliance);
    }

    [Theory]
    [InlineData("I don't need an agent, the app sorted it", false)]
    [InlineData("the checkout page keeps timing out", false)]
    [InlineData("would it be possible to chat with a colleague of yours", true)]
    public void TheLearnedPersonVoteNeedsAPersonNamedAndNotDeclined(string text, bool fires)
    {
        var decision = Decide(text, person: 0.95);

        Assert.Equal(fires, decision.Reasons.Any(r => r.Category == ReasonCategory.CustomerRequest));
    }

    private EscalationDecision Decide(string text, double security = 0, double person = 0)
    {
        var probabilities = new Dictionary<IssueCategory, double> { [IssueCategory.Security] = security, [IssueCategory.Other] = 1 - security };
        var classified = new Dictionary<string, CategoryPrediction>
        {
            [text] = new(IssueCategory.Other, 1 - security, probabilities, null, PersonRequest: person),
        };
        var engine = new TriggerEngine(new KeywordClassifier(), () => _options);
        var state = new TriggerState();
        engine.Apply(state, [new TriggerInput(TriggerInputKind.CustomerMessage, text, Now)], classified);
        return engine.Decide(state, null, Now);
    }
}
