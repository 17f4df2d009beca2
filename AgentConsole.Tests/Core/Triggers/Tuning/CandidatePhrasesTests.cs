using AgentConsole.Core.Triggers.Tuning;

namespace AgentConsole.Tests.Core.Triggers.Tuning;

public sealed class CandidatePhrasesTests
{
    [Fact]
    public void TakesAContactVerbAndTheWordsAfterItUpToAContentWord()
    {
        var phrases = CandidatePhrases.Of("Could I speak with accounts team, please?");

        Assert.Equal(["speak with accounts", "speak with accounts team"], phrases.Order(StringComparer.Ordinal));
        // Four words at most, the verb included.
        Assert.Equal(["connect me with accounts"], CandidatePhrases.Of("connect me with accounts team"));
    }

    [Fact]
    public void NeverEndsAPhraseInAFunctionWordOrCrossesAClause()
    {
        var phrases = CandidatePhrases.Of("I tried to talk to the. Billing never answers");

        Assert.Empty(phrases);
    }

    [Fact]
    public void AMessageWithNoVerbOfContactHasNoCandidate()
    {
        Assert.Empty(CandidatePhrases.Of("my invoice shows the wrong amount for billing"));
    }

    [Fact]
    public void StopsAtANegationOrAnotherRequestVerb()
    {
        var phrases = CandidatePhrases.Of("talk to billing not sales");

        Assert.Equal(["talk to billing"], phrases);
    }

    [Theory]
    [InlineData("talk to billing team", "talk to billing", true)]
    [InlineData("talk to billing", "to billing", true)]
    [InlineData("talk to billings", "talk to billing", false)]
    public void ContainsWholeWordsOnly(string phrase, string part, bool expected)
    {
        Assert.Equal(expected, CandidatePhrases.ContainsWords(phrase, part));
    }
}
