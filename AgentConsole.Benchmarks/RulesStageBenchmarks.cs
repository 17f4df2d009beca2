using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Rules;
using BenchmarkDotNet.Attributes;

namespace AgentConsole.Benchmarks;

/// <summary>
/// The rules and sentiment stage, per message: tokenizing, the sentiment analyser, the request
/// detector, every phrase rule, and folding the result into the conversation's state. The target is
/// 200,000 messages/s on one core (5 µs a message) and 2 ms for a 64 KB adversarial message.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class RulesStageBenchmarks
{
    private static readonly string[] Messages =
    [
        "Hi, I was charged twice for my subscription this month, can you help?",
        "how do i reset my password",
        "This is ridiculous!!! I've been trying for HOURS and nothing works",
        "Can I export a dashboard to PDF on the free plan?",
        "let me talk to a real person please",
        "The API returns error 500 since yesterday, it used to work fine",
        "ok thanks",
        "Someone logged into my account from another country and changed my email",
        "I want to cancel my subscription, we're switching to another tool",
        "does the agent feature support SSO with Okta?",
    ];

    private readonly RuleSet _rules = new(new TriggerOptions());
    private readonly DateTime _now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private string _bangs = "";
    private string _repeated = "";
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _bangs = new string('!', 64 * 1024);
        _repeated = string.Concat(Enumerable.Repeat("refund ", 64 * 1024 / 7));
    }

    /// <summary>One typical message through the whole fast stage, cycling through a realistic mix.</summary>
    [Benchmark(Baseline = true)]
    public TriggerState TypicalMessage()
    {
        var text = Messages[_next++ % Messages.Length];
        var state = new TriggerState();
        state.ApplyCustomer(_rules.ScanCustomer(text), null, text, _now, null, _rules.Options);
        return state;
    }

    /// <summary>A bot message through the bot rules.</summary>
    [Benchmark]
    public BotMessageSignals BotMessage() => _rules.ScanBot("I'm sorry, I don't understand. Could you rephrase that?", 0.31);

    /// <summary>64 KB of '!' in one message.</summary>
    [Benchmark]
    public CustomerMessageSignals Adversarial64KbExclamations() => _rules.ScanCustomer(_bangs);

    /// <summary>64 KB of one word repeated.</summary>
    [Benchmark]
    public CustomerMessageSignals Adversarial64KbRepeatedWord() => _rules.ScanCustomer(_repeated);
}
