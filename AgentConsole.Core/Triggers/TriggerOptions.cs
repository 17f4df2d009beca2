using System.ComponentModel.DataAnnotations;

namespace AgentConsole.Core.Triggers;

/// <summary>
/// The <c>Triggers</c> section: every trigger's switch, thresholds, phrase lists and weight.
/// Each fired trigger adds its weight to the conversation's score; the conversation escalates
/// when the score reaches <see cref="EscalationThreshold"/> (lower for valuable customers).
/// Guardrails (security, an explicit request, the bot's own handoff, timeout) weigh 1 by default,
/// so each escalates on its own.
/// </summary>
public sealed class TriggerOptions : IValidatableObject
{
    public const string Section = "Triggers";

    /// <summary>Validates the nested sections too, which data annotations alone do not reach.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        object[] sections = [KeywordRepeat, Unresolved, BotUncertainty, HandoffRequested, HumanRequest, Sentiment, Complexity, Security, CustomerValue, Classifier];
        foreach (var section in sections)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
            foreach (var result in results)
                yield return new ValidationResult($"{Section}:{section.GetType().Name.Replace("Options", "")}: {result.ErrorMessage}", result.MemberNames);
        }
        foreach (var (term, valence) in Sentiment.ExtraTerms)
        {
            if (valence is < -4 or > 4) yield return new ValidationResult($"{Section}:Sentiment:ExtraTerms: '{term}' must have a valence between -4 and 4.");
        }
    }

    [Range(0.1, 10)] public double EscalationThreshold { get; set; } = 1.0;

    public KeywordRepeatOptions KeywordRepeat { get; set; } = new();
    public UnresolvedOptions Unresolved { get; set; } = new();
    public BotUncertaintyOptions BotUncertainty { get; set; } = new();
    public TriggerSwitch HandoffRequested { get; set; } = new();
    public HumanRequestOptions HumanRequest { get; set; } = new();
    public SentimentTriggerOptions Sentiment { get; set; } = new();
    public ComplexityOptions Complexity { get; set; } = new();
    public SecurityOptions Security { get; set; } = new();
    public CustomerValueOptions CustomerValue { get; set; } = new();
    public ClassifierTriggerOptions Classifier { get; set; } = new();
}

/// <summary>A trigger's switch and weight.</summary>
public class TriggerSwitch
{
    public bool Enabled { get; set; } = true;
    [Range(0, 10)] public double Weight { get; set; } = 1.0;
}

/// <summary>A keyword the customer keeps repeating ("refund" said 3 times).</summary>
public sealed class KeywordRepeatOptions : TriggerSwitch
{
    /// <summary>Keywords counted across the conversation; inflections count too ("refunds", "refunded").</summary>
    public string[] Keywords { get; set; } = ["refund", "chargeback", "cancel", "complaint", "broken", "lawyer", "manager", "urgent"];
    [Range(2, 100)] public int Threshold { get; set; } = 3;
}

/// <summary>Still with the bot N minutes after the customer first wrote.</summary>
public sealed class UnresolvedOptions : TriggerSwitch
{
    [Range(1, 10_080)] public int Minutes { get; set; } = 15;
    /// <summary>For valuable customers the clock runs this much faster (0.5 = half the minutes).</summary>
    [Range(0.05, 1)] public double ValuableCustomerFactor { get; set; } = 0.5;
    /// <summary>A conversation idle this long is abandoned, not unresolved, and is left alone.</summary>
    [Range(1, 10_080)] public int IdleCutoffMinutes { get; set; } = 120;
    [Range(1, 3600)] public int CheckIntervalSeconds { get; set; } = 15;
}

/// <summary>The bot is unsure, or says it cannot help.</summary>
public sealed class BotUncertaintyOptions : TriggerSwitch
{
    [Range(0, 1)] public double ConfidenceThreshold { get; set; } = 0.5;
    /// <summary>How many low-confidence answers fire the trigger.</summary>
    [Range(1, 100)] public int LowConfidenceCount { get; set; } = 2;
    public string[] CannotHelpPhrases { get; set; } =
    [
        "i can't help", "i cannot help", "i can not help", "i'm unable to help", "i am unable to help", "unable to assist",
        "i'm not able to", "i am not able to", "i can't do that", "i cannot do that", "i don't understand", "i do not understand",
        "i'm not sure i understand", "i didn't understand", "i did not understand", "i didn't get that", "could you rephrase",
        "please rephrase", "i'm not sure how to help", "beyond what i can do", "outside what i can do", "i can't issue",
        "i cannot issue", "i can't process", "i cannot process", "i don't have access", "i do not have access",
        "let me connect you", "connect you with", "transfer you to", "a human agent will", "someone from our team will",
    ];
}

/// <summary>The customer asks for a person.</summary>
public sealed class HumanRequestOptions : TriggerSwitch
{
    /// <summary>More ways of asking, added to the built-in ones.</summary>
    public string[] ExtraPhrases { get; set; } = [];
}

/// <summary>Frustration: the lexicon, surface signals, repetition and the trend.</summary>
public sealed class SentimentTriggerOptions : TriggerSwitch
{
    /// <summary>A single message at or above this frustration (0..1) fires the trigger.</summary>
    [Range(0, 1)] public double FrustrationThreshold { get; set; } = 0.45;
    /// <summary>The conversation's running sentiment at or below this (-1..1) while worsening fires it.</summary>
    [Range(-1, 0)] public double TrendThreshold { get; set; } = -0.35;
    [Range(0, 10)] public double TrendWeight { get; set; } = 0.6;
    /// <summary>Cosine similarity between two customer messages that counts as saying the same thing again.</summary>
    [Range(0.5, 1)] public double RepeatSimilarity { get; set; } = 0.86;
    [Range(0, 10)] public double RepeatWeight { get; set; } = 0.6;
    /// <summary>Messages getting shorter and more abrupt.</summary>
    [Range(0, 10)] public double AbruptWeight { get; set; } = 0.3;
    /// <summary>Extra lexicon entries (word or phrase to valence, -4..4) that override or extend the built-in lexicon.</summary>
    public Dictionary<string, double> ExtraTerms { get; set; } = [];
    public string[] ComplaintPhrases { get; set; } =
    [
        "file a complaint", "filing a complaint", "make a complaint", "lodge a complaint", "submit a complaint", "raise a complaint",
        "formal complaint", "want to complain", "i'd like to complain", "i would like to complain", "complain about",
        "register a complaint", "open a complaint", "customer reclamation", "file a claim against", "report you to",
        "unacceptable service", "worst service", "terrible service", "awful service", "poor service",
    ];
    /// <summary>A complaint noun near a filing verb, in any order ("lodge a consumer complaint", "make a reclamation").</summary>
    public string[] ComplaintNouns { get; set; } = ["complaint", "complaints", "reclamation", "reclamations", "grievance"];
    public string[] ComplaintVerbs { get; set; } = ["file", "filing", "lodge", "lodging", "make", "making", "submit", "submitting", "raise", "raising", "register", "open", "opening", "want", "need", "have", "escalate"];
    /// <summary>A claim is a complaint only when it is against the business; an insurance claim is not.</summary>
    public string[] ClaimAgainstWords { get; set; } = ["against"];
}

/// <summary>Issues that need judgement: disputes, several problems at once, suspected bugs.</summary>
public sealed class ComplexityOptions : TriggerSwitch
{
    public string[] DisputePhrases { get; set; } =
    [
        "refund", "refunds", "refunding", "refund me", "get a refund", "rebate", "rebates", "rebating", "compensation", "compensations",
        "compensate me", "restitution", "restitutions", "reimbursements", "reimbursing", "want a refund", "need a refund", "request a refund", "requesting a refund", "issue a refund",
        "money back", "my money back", "reimburse", "reimbursement", "chargeback", "charge back", "dispute", "disputing",
        "charged twice", "double charged", "double charge", "charged me twice", "billed twice", "overcharged", "over charged",
        "wrong amount", "charged the wrong", "incorrect charge", "charged for something", "didn't authorize", "did not authorize",
        "payment issue", "payment problem", "payment failed", "payment declined", "problem with my payment", "issue with my payment",
        "problem with a payment", "issue with a payment", "trouble paying", "can't pay", "cannot pay", "unable to pay",
        "close my account", "delete my account", "deactivate my account", "remove my account", "terminate my account", "cancel my account",
        "close the account", "delete the account", "account is blocked", "account was blocked", "account blocked", "account is locked",
        "account was locked", "account locked", "account is suspended", "account was suspended", "account suspended", "account is frozen",
        "account was frozen", "blocked my account", "locked my account", "suspended my account", "froze my account",
    ];
    /// <summary>
    /// Phrases that make a message a question about the refund process rather than a dispute
    /// ("what is your refund policy", "I'm waiting for my refund"); a message with one does not
    /// count as a dispute.
    /// </summary>
    public string[] DisputeExemptions { get; set; } =
    [
        "refund policy", "return policy", "reimbursement policy", "money back guarantee", "money-back guarantee", "refund status",
        "status of my refund", "status of the refund", "status of refund", "status of my reimbursement", "track my refund",
        "track a refund", "track the refund", "tracking my refund", "waiting for a refund", "waiting for my refund",
        "waiting for the refund", "waiting for a reimbursement", "waiting for my reimbursement", "expect a refund", "expecting a refund",
        "expect an refund", "expect a reimbursement", "where is my refund", "where's my refund", "when will i get my refund",
        "when will i receive", "how long does a refund", "how long does the refund", "how long will the refund", "refund take",
        "in which cases", "in what cases", "which situations", "what situations", "under which circumstances",
        "under what circumstances", "been processed", "refund arrive", "check my refund", "check the refund", "refund on the way",
        // Single words that make any refund mention a question about the process.
        "policy", "policies", "status", "track", "tracking", "waiting", "expect", "expecting", "processed", "guarantee", "usually",
        "how long",
    ];
    /// <summary>Words about paying, which together with a problem word nearby make a payment problem.</summary>
    public string[] PaymentWords { get; set; } = ["payment", "payments", "paying", "charge", "charges", "charged", "transaction", "transactions", "checkout", "billing"];
    public string[] ProblemWords { get; set; } = ["problem", "problems", "issue", "issues", "error", "errors", "trouble", "troubles", "failed", "fails", "failing", "failure", "wrong", "incorrect", "bug", "mistake"];
    /// <summary>Closing an account needs a human: data, refunds and retention all hang on it.</summary>
    public string[] ClosureWords { get; set; } = ["close", "closing", "closure", "delete", "deleting", "deletion", "remove", "removing", "removal", "removals", "terminate", "terminating", "termination", "deactivate", "deactivating", "deactivation", "erase", "cancel", "cancelling", "canceling", "cancellation"];
    public string[] AccountWords { get; set; } = ["account", "accounts", "profile"];
    /// <summary>An account blocked or locked needs someone who can verify and lift it.</summary>
    public string[] BlockedWords { get; set; } = ["blocked", "locked", "suspended", "frozen", "restricted", "disabled", "deactivated", "hold", "banned"];
    /// <summary>How many words apart the two words of a pair may be.</summary>
    [Range(1, 10)] public int PairWindow { get; set; } = 4;
    public string[] DefectPhrases { get; set; } =
    [
        "used to work", "was working", "worked yesterday", "worked fine", "stopped working", "doesn't work anymore", "not working anymore",
        "no longer works", "broke after", "broken since", "since the update", "after the update", "after updating", "crash", "crashes",
        "crashed", "crashing", "keeps crashing", "bug", "buggy", "glitch", "freezes", "frozen screen", "blank screen", "white screen",
        "black screen", "data loss", "lost my data", "data is missing", "disappeared", "vanished", "corrupted", "infinite loop",
        "spinning forever", "stuck loading", "500 error", "error 500", "internal server error", "server error", "exception", "stack trace",
        "since upgrading", "after upgrading", "since we upgraded", "after we upgraded", "since the upgrade", "after the upgrade", "outage",
        "is down", "are down", "went down", "service down", "site down", "all users", "all our users", "all of our users", "none of our users",
    ];
    [Range(0, 10)] public double DefectWeight { get; set; } = 1.0;
    /// <summary>Weight of an error code on its own, without other signs of a bug.</summary>
    [Range(0, 10)] public double ErrorCodeWeight { get; set; } = 0.6;
    /// <summary>Two confidently classified categories in one conversation.</summary>
    [Range(0, 10)] public double MultiCategoryWeight { get; set; } = 0.6;
    /// <summary>Three or more categories at once.</summary>
    [Range(0, 10)] public double ManyCategoriesWeight { get; set; } = 1.0;
}

/// <summary>Security and compliance: always escalated.</summary>
public sealed class SecurityOptions : TriggerSwitch
{
    public string[] Phrases { get; set; } =
    [
        "hacked", "hacker", "compromised", "account takeover", "took over my account", "taken over my account",
        "someone logged in", "someone logged into", "someone else logged", "someone accessed", "someone has access", "someone got into",
        "someone is using my", "someone used my", "someone changed my password", "someone changed my email", "unauthorized",
        "unauthorised", "not authorized by me", "didn't make this", "did not make this", "i didn't make", "i did not make",
        "don't recognize", "don't recognise", "do not recognize", "do not recognise", "suspicious login", "suspicious activity",
        "suspicious transaction", "suspicious charge", "suspicious email", "strange login", "login attempt", "login attempts",
        "sign-in attempt", "login from an unknown", "sign in from an unknown", "unknown device", "unrecognized device",
        "password reset i didn't", "password reset email i didn't", "reset my password without", "didn't request a password",
        "did not request a password", "didn't ask for a password", "didn't request a reset", "didn't request a code",
        "code i didn't request", "codes i didn't request", "verification code i didn't", "stolen", "stole", "was robbed",
        "lost my card", "lost my credit card", "lost my debit card", "lost my phone", "lost my wallet", "lost my device",
        "lost my laptop", "lost card", "card is missing", "card was taken", "fraud", "fraudulent", "scammed", "phishing",
        "identity theft", "stole my identity", "sim swap", "freeze my card", "freeze my account", "block my card", "lock my card",
        "data breach", "breach", "leaked", "exposed my data", "gdpr", "ccpa", "data protection", "privacy", "personal data",
        "delete my data", "erase my data", "data deletion", "right to be forgotten",
        "subject access request", "dsar", "what data do you", "legal action", "legal team", "legal department", "legal request",
        "lawyer", "attorney", "subpoena", "court order", "law enforcement", "police", "soc 2", "soc2", "iso 27001", "hipaa",
        "data processing agreement",
    ];
    /// <summary>Classifier confidence in the Security category that fires the trigger without a phrase.</summary>
    [Range(0, 1)] public double ClassifierConfidence { get; set; } = 0.6;
}

/// <summary>Valuable customers get a higher priority and escalate sooner; churn risks go to retention.</summary>
public sealed class CustomerValueOptions : TriggerSwitch
{
    [Range(0, 1_000_000_000)] public decimal HighValueAnnualContract { get; set; } = 25_000m;
    [Range(0, 1_000_000_000)] public decimal HighLifetimeValue { get; set; } = 100_000m;
    [Range(0, 100)] public int LongTenureYears { get; set; } = 5;
    /// <summary>The escalation threshold is multiplied by this for valuable customers, so they escalate sooner.</summary>
    [Range(0.1, 1)] public double ThresholdFactor { get; set; } = 0.6;
    /// <summary>A feedback score at or below this is a churn signal.</summary>
    [Range(1, 5)] public int LowFeedbackScore { get; set; } = 2;
    /// <summary>Weight of cancellation intent alone; with a churn-risk profile it weighs 1.</summary>
    [Range(0, 10)] public double CancellationIntentWeight { get; set; } = 0.6;
    public string[] CancellationPhrases { get; set; } =
    [
        "cancel my subscription", "cancel the subscription", "cancel my plan", "cancel my membership", "cancel my policy",
        "cancel our subscription", "cancel our plan", "cancel our account", "cancel the plan", "cancel my contract", "end my subscription",
        "end my contract", "terminate my contract", "stop my subscription", "unsubscribe from the plan", "not renew", "won't renew",
        "will not renew", "don't want to renew", "switching to", "switch to a competitor", "moving to", "leaving you", "leave your service",
        "taking my business", "close my account", "delete my account", "downgrade", "want to cancel", "going to cancel", "how do i cancel",
        "how to cancel", "i'm cancelling", "i am cancelling", "i'm canceling", "i am canceling",
    ];
}

/// <summary>How the classifier's category feeds the decision.</summary>
public sealed class ClassifierTriggerOptions
{
    /// <summary>Below this confidence a message's category does not count towards several-categories complexity.</summary>
    [Range(0, 1)] public double CountedConfidence { get; set; } = 0.6;
}
