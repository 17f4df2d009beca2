using AgentConsole.Cli;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Core.Triggers.Evaluation;
using AgentConsole.Tests.Core.Triggers.Classification;

namespace AgentConsole.Tests.Core.Triggers.Evaluation;

/// <summary>
/// The leave-one-industry-out protocol on a small fixed set. Each industry here speaks of its
/// problems in words no other industry uses, so a fold that learned from the industry it scores
/// would classify it perfectly, and a fold that did not can only fall back to Other.
/// </summary>
public sealed class CrossDomainEvaluationTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    private static readonly WordEmbedder Embedder = new(
        "invoice", "charge", "login", "password", "premium", "excess", "roaming", "sim", "hello", "thanks");

    private static readonly IReadOnlyList<CategoryExample> General =
    [
        new(IssueCategory.Billing, "invoice charge"),
        new(IssueCategory.AccountAccess, "login password"),
        new(IssueCategory.Other, "hello thanks"),
    ];

    private static readonly IReadOnlyList<LabelledUtterance> Industries =
    [
        new("insurance", "premium excess", IssueCategory.Billing, false, null),
        new("insurance", "premium", IssueCategory.Billing, false, null),
        new("insurance", "invoice charge premium", IssueCategory.Billing, false, null),
        new("telecom", "roaming sim", IssueCategory.Technical, false, null),
        new("telecom", "sim", IssueCategory.Technical, false, null),
        new("telecom", "login password sim", IssueCategory.AccountAccess, false, null),
    ];

    [Fact]
    public void EachIndustryIsJudgedByAClassifierThatNeverSawIt()
    {
        var scores = CrossDomainEvaluation.Run(Embedder, new TriggerOptions(), General, Industries, [], Now);

        Assert.Equal(["insurance", "telecom"], scores.Select(s => s.Industry));
        Assert.All(scores, s => Assert.False(s.HeldOut));
        Assert.Equal([3, 3], scores.Select(s => s.Utterances));
        // Only the utterances that also use the general examples' words can be right: the industry's own words were never learned.
        Assert.Equal(1 / 3.0, scores[0].CategoryAccuracy, 3);
        Assert.Equal(1 / 3.0, scores[1].CategoryAccuracy, 3);
    }

    [Fact]
    public void AHeldOutSetIsJudgedByAClassifierThatLearnedFromEveryIndustryButNotFromIt()
    {
        LabelledUtterance[] heldOut =
        [
            new("outside", "premium excess", IssueCategory.Billing, false, null),
            new("outside", "roaming", IssueCategory.Technical, false, null),
            new("outside", "thanks hello", IssueCategory.Other, false, null),
        ];

        var scores = CrossDomainEvaluation.Run(Embedder, new TriggerOptions(), General, Industries, heldOut, Now);

        var outside = Assert.Single(scores, s => s.HeldOut);
        Assert.Equal(("outside", 3, 1.0), (outside.Industry, outside.Utterances, outside.CategoryAccuracy));
    }

    [Fact]
    public void EscalationRequestsAndSecurityAreScoredAgainstTheirLabels()
    {
        LabelledUtterance[] set =
        [
            new("banking", "someone stole my card and took money from my account", IssueCategory.Security, true, ReasonCategory.SecurityCompliance),
            new("banking", "can I speak to a real person please", IssueCategory.Other, true, ReasonCategory.CustomerRequest),
            new("banking", "hello thanks", IssueCategory.Other, false, null),
            new("banking", "what is the invoice charge", IssueCategory.Billing, true, ReasonCategory.Complexity),
        ];

        var score = Assert.Single(CrossDomainEvaluation.Run(Embedder, new TriggerOptions(), General, [], set, Now));

        Assert.Equal(1, score.Security.Recall);
        Assert.Equal(1, score.Security.Precision);
        Assert.Equal(1, score.PersonRequest.Recall);
        // Two of the three escalations are found (the plain question is not a dispute), and nothing is escalated wrongly.
        Assert.Equal((2, 0, 1), (score.Escalate.TruePositives, score.Escalate.FalsePositives, score.Escalate.FalseNegatives));
        Assert.Equal(0.8, score.Escalate.F1, 3);
    }

    [Fact]
    public async Task TheCommandPrintsARowPerIndustryTheMeanAndTheHeldOutFiles()
    {
        var file = Path.Combine(Path.GetTempPath(), $"outside-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"id":"x1","text":"premium excess","category":"Billing","escalate":false,"reason":""}""",
            """{"id":"x2","text":"roaming","category":"Technical","escalate":false,"reason":""}""",
        ]);
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            var exit = await CrossDomainCommand.RunAsync([file], stdout, stderr, new TriggerOptions(), embedder: Embedder, general: General, industries: Industries);

            Assert.Equal(0, exit);
            var lines = stdout.ToString().Split('\n', StringSplitOptions.TrimEntries);
            Assert.Contains(lines, l => l.StartsWith("insurance ", StringComparison.Ordinal) && l.Contains("0.33", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("telecom ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("mean ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith(Path.GetFileNameWithoutExtension(file), StringComparison.Ordinal) && l.Contains("1.00", StringComparison.Ordinal));
            Assert.Contains("scoring insurance", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task MissesListTheOwnUtterancesATriggerGotWrongAndNeverAHeldOutText()
    {
        // Arrange: the insurance request for a person is labelled but never heard by these words alone;
        // the held-out file has a miss of its own, which must not be printed.
        LabelledUtterance[] industries =
        [
            .. Industries,
            new("insurance", "premium premium premium", IssueCategory.Billing, true, ReasonCategory.CustomerRequest),
        ];
        var file = Path.Combine(Path.GetTempPath(), $"outside-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, ["""{"id":"x1","text":"roaming roaming","category":"Technical","escalate":true,"reason":"CustomerRequest"}"""]);
        try
        {
            var stdout = new StringWriter();

            // Act
            var exit = await CrossDomainCommand.RunAsync([file], stdout, new StringWriter(), [("configured", new TriggerOptions())], embedder: Embedder, general: General,
                industries: industries, misses: true);

            // Assert
            Assert.Equal(0, exit);
            var text = stdout.ToString();
            Assert.Contains("insurance: judged wrongly", text, StringComparison.Ordinal);
            Assert.Contains("person      + premium premium premium", text, StringComparison.Ordinal);
            Assert.DoesNotContain("roaming roaming", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ABadLabelledFileIsRefusedWithItsLineNumber()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, ["""{"text":"hi","category":"Other","escalate":false}""", """{"text":"x","category":"Billing","escalate":"yes"}"""]);
        try
        {
            var stderr = new StringWriter();

            var exit = await CrossDomainCommand.RunAsync([file], new StringWriter(), stderr, new TriggerOptions(), embedder: Embedder, general: General, industries: Industries);

            Assert.Equal(2, exit);
            Assert.Contains("line 2", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ScoresFollowTheirDefinitions()
    {
        var score = new BinaryScore(TruePositives: 3, FalsePositives: 1, FalseNegatives: 2);

        Assert.Equal((0.75, 0.6), (score.Precision, score.Recall));
        Assert.Equal(2 * 0.75 * 0.6 / 1.35, score.F1, 6);
        Assert.True(double.IsNaN(new BinaryScore(0, 0, 0).Recall));
    }
}
