using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Tests.Core.Triggers.Text;

public sealed class TextTokensTests
{
    private static string[] Lowered(TextTokens tokens) =>
        Enumerable.Range(0, tokens.Count).Select(i => tokens.Lower(i).ToString()).ToArray();

    [Fact]
    public void SplitsWordsNumbersAndPunctuation()
    {
        var tokens = TextTokens.Of("Order 123 is late.");

        Assert.Equal(["order", "123", "is", "late", "."], Lowered(tokens));
        Assert.Equal(TokenKind.Word, tokens[0].Kind);
        Assert.Equal(TokenKind.Number, tokens[1].Kind);
        Assert.Equal(TokenKind.Symbol, tokens[4].Kind);
        Assert.Equal(3, tokens.WordCount);
    }

    [Theory]
    [InlineData("don't", "don't")]
    [InlineData("DON’T", "don't")]
    [InlineData("can‘t", "can't")]
    public void KeepsInnerApostrophesInOneStraightenedWord(string text, string expected)
    {
        var tokens = TextTokens.Of(text);

        Assert.Equal(1, tokens.Count);
        Assert.Equal(expected, tokens.Lower(0).ToString());
        Assert.Equal(text, tokens.Original(0).ToString());
    }

    [Fact]
    public void DoesNotJoinAQuoteAtTheEdgeOfAWord()
    {
        var tokens = TextTokens.Of("'hello' there");

        Assert.Equal(["'", "hello", "'", "there"], Lowered(tokens));
    }

    [Fact]
    public void KeepsEmoticonsAndRunsOfPunctuationTogether()
    {
        var tokens = TextTokens.Of("why :( ?!!");

        Assert.Equal(["why", ":(", "?!!"], Lowered(tokens));
    }

    [Fact]
    public void GivesEachEmojiItsOwnToken()
    {
        var tokens = TextTokens.Of("no😡😡!");

        Assert.Equal(["no", "😡", "😡", "!"], Lowered(tokens));
        Assert.All(Enumerable.Range(1, 2), i => Assert.Equal(TokenKind.Symbol, tokens[i].Kind));
    }

    [Fact]
    public void CountsTheLongestRunsOfExclamationAndQuestionMarks()
    {
        var tokens = TextTokens.Of("what?? really!!! now!?!!!!");

        Assert.Equal(4, tokens.LongestExclamationRun);
        Assert.Equal(2, tokens.LongestQuestionRun);
    }

    [Fact]
    public void CountsShoutedWordsOfTwoOrMoreLetters()
    {
        var tokens = TextTokens.Of("I am SO ANGRY right NOW");

        Assert.Equal(3, tokens.ShoutedWordCount);
        Assert.True(tokens[2].Shouted);
        Assert.False(tokens[0].Shouted);
        Assert.Equal(6, tokens.WordCount);
    }

    [Fact]
    public void SpansReturnTheOriginalText()
    {
        var tokens = TextTokens.Of("This is RIDICULOUS!!!");

        Assert.Equal("is RIDICULOUS", tokens.Span(1, 2));
        Assert.Equal(tokens.Text.Length, tokens.Lowered.Length);
    }

    [Fact]
    public void AnEmptyMessageHasNoTokens()
    {
        var tokens = TextTokens.Of("   ");

        Assert.Equal(0, tokens.Count);
        Assert.Equal(0, tokens.WordCount);
    }
}
