using System.Text;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Core.Triggers.Evaluation;

namespace AgentConsole.Tests.Core.Triggers.Evaluation;

public sealed class LabelledUtterancesTests
{
    [Fact]
    public void TheProjectWritesEveryCategoryForEightIndustries()
    {
        Assert.Equal(["banking", "ecommerce", "helpdesk", "insurance", "saas", "telecom", "travel", "utilities"], LabelledUtterances.BuiltInIndustries);
        foreach (var industry in LabelledUtterances.BuiltIn.GroupBy(u => u.Industry))
        {
            var perCategory = industry.GroupBy(u => u.Category).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(Enum.GetValues<IssueCategory>().Order(), perCategory.Keys.Order());
            Assert.All(perCategory, c => Assert.True(c.Value >= 10, $"{industry.Key} has only {c.Value} {c.Key} utterances."));
            // Security is recall first: every security message is labelled for a human.
            Assert.All(industry.Where(u => u.Category == IssueCategory.Security), u => Assert.Equal((true, ReasonCategory.SecurityCompliance), (u.Escalate, u.Reason)));
            Assert.Contains(industry, u => u.Reason == ReasonCategory.CustomerRequest);
            Assert.Contains(industry, u => !u.Escalate);
        }
    }

    [Fact]
    public void TheExamplesTheClassifierShipsIncludeEveryIndustrysUtterances()
    {
        var examples = CategoryExamples.LoadDefault();

        Assert.Equal(CategoryExamples.LoadGeneral().Count + LabelledUtterances.BuiltIn.Count, examples.Count);
        Assert.Contains(LabelledUtterances.BuiltIn[0].Example, examples);
    }

    [Fact]
    public void ReadsLabelsAndIgnoresOtherProperties()
    {
        var read = Parse("""
            {"id": "a", "text": "someone used my card", "category": "Security", "escalate": true, "reason": "SecurityCompliance", "source": "x"}

            {"text": "hello", "category": "other", "escalate": false, "reason": ""}
            """);

        Assert.Equal(
        [
            new LabelledUtterance("test", "someone used my card", IssueCategory.Security, true, ReasonCategory.SecurityCompliance),
            new LabelledUtterance("test", "hello", IssueCategory.Other, false, null),
        ], read);
    }

    [Theory]
    [InlineData("""{"text": "x", "category": "Billing"}""", "escalate")]
    [InlineData("""{"text": "x", "category": "Billing", "escalate": 1}""", "escalate")]
    [InlineData("""{"text": "x", "category": "Billing", "escalate": true, "reason": "Anger"}""", "unknown reason")]
    [InlineData("""{"text": "x", "category": "Billing", "escalate": true, "reason": "3"}""", "unknown reason")]
    [InlineData("""{"text": "x", "category": "Shipping", "escalate": false}""", "unknown category")]
    public void RefusesABadLineByNumber(string line, string problem)
    {
        var error = Assert.Throws<FormatException>(() => Parse("{\"text\": \"fine\", \"category\": \"Other\", \"escalate\": false}\n" + line));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCategoryIsDefined()
    {
        Assert.Equal(Enum.GetValues<IssueCategory>(), CategoryDefinitions.All.Select(d => d.Category));
        Assert.All(CategoryDefinitions.All, d => Assert.True(d.Summary.Length > 20 && d.Includes.Count > 0 && d.Excludes.Count > 0));
    }

    private static IReadOnlyList<LabelledUtterance> Parse(string text) => LabelledUtterances.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test");
}
