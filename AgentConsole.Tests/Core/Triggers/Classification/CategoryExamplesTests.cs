using System.Text;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;

namespace AgentConsole.Tests.Core.Triggers.Classification;

public sealed class CategoryExamplesTests
{
    private static IReadOnlyList<CategoryExample> Parse(string jsonl) => CategoryExamples.Parse(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)));

    [Fact]
    public void ShipsPlentyOfDistinctExamplesForEveryCategory()
    {
        var examples = CategoryExamples.LoadDefault();

        var perCategory = examples.GroupBy(e => e.Category).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enum.GetValues<IssueCategory>().Order(), perCategory.Keys.Order());
        Assert.All(perCategory, c => Assert.True(c.Value >= 80, $"{c.Key} has only {c.Value} examples."));
        Assert.Equal(examples.Count, examples.Select(e => e.Text.ToLowerInvariant()).Distinct().Count());
    }

    [Fact]
    public void ParsesCategoriesInAnyCaseAndSkipsBlankLines()
    {
        var examples = Parse("""
            {"category": "Billing", "text": "refund please"}

            {"category": "accountaccess", "text": "  can't log in  "}
            """);

        Assert.Equal([new(IssueCategory.Billing, "refund please"), new(IssueCategory.AccountAccess, "can't log in")], examples);
    }

    [Theory]
    [InlineData("""{"category": "Billing", "text": "ok"}""" + "\n" + """{"category": "Billing" "text": "x"}""", "line 2: not valid JSON")]
    [InlineData("""["Billing", "refund"]""", "line 1: expected a JSON object")]
    [InlineData("""{"text": "refund"}""", "line 1: \"category\" is missing")]
    [InlineData("""{"category": "Refunds", "text": "refund"}""", "line 1: unknown category \"Refunds\"; expected one of Billing, Technical")]
    [InlineData("""{"category": "3", "text": "refund"}""", "line 1: unknown category \"3\"")]
    [InlineData("""{"category": "Billing"}""", "line 1: \"text\" is missing")]
    [InlineData("""{"category": "Billing", "text": 42}""", "line 1: \"text\" is missing or is not a string")]
    [InlineData("""{"category": "Billing", "text": "   "}""", "line 1: \"text\" is blank")]
    public void NamesTheBadLineAndWhatIsWrongWithIt(string jsonl, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Parse(jsonl));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void ReportsEveryBadLineAtOnce()
    {
        var error = Assert.Throws<FormatException>(() => Parse("""
            {"category": "Nope", "text": "a"}
            {"category": "Billing", "text": "fine"}
            not json
            """));

        Assert.Contains("2 bad line(s)", error.Message);
        Assert.Contains("line 1:", error.Message);
        Assert.Contains("line 3:", error.Message);
    }

    [Fact]
    public void RefusesATextLongerThanTheLimit()
    {
        var error = Assert.Throws<FormatException>(() => Parse($$"""{"category": "Other", "text": "{{new string('a', CategoryExamples.MaxTextLength + 1)}}"}"""));

        Assert.Contains($"longer than {CategoryExamples.MaxTextLength} characters", error.Message);
    }
}
