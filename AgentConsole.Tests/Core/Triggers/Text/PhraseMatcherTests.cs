using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Tests.Core.Triggers.Text;

public sealed class PhraseMatcherTests
{
    private static PhraseMatcher<string> Matcher(params string[] phrases) =>
        new(phrases.Select(p => KeyValuePair.Create(p, p)));

    private static List<PhraseHit<string>> Hits(PhraseMatcher<string> matcher, string text)
    {
        var hits = new List<PhraseHit<string>>();
        matcher.Match(TextTokens.Of(text), hits);
        return hits;
    }

    [Fact]
    public void PrefersTheLongestPhraseAtAPosition()
    {
        var matcher = Matcher("not", "not helpful", "not helpful at all");

        var hits = Hits(matcher, "That was not helpful at all.");

        var hit = Assert.Single(hits);
        Assert.Equal("not helpful at all", hit.Value);
        Assert.Equal(2, hit.FirstToken);
        Assert.Equal(4, hit.TokenCount);
    }

    [Fact]
    public void FallsBackToAShorterPhraseWhenTheLongerOneBreaksOff()
    {
        var matcher = Matcher("no", "no problem at all");

        var hits = Hits(matcher, "no problem then");

        Assert.Equal("no", Assert.Single(hits).Value);
    }

    [Fact]
    public void MatchesDoNotOverlap()
    {
        var matcher = Matcher("for hours", "hours on hold");

        var hits = Hits(matcher, "waiting for hours on hold");

        Assert.Equal(["for hours"], hits.Select(h => h.Value));
    }

    [Fact]
    public void MatchesPhrasesCaseInsensitivelyAndWithCurlyApostrophes()
    {
        var matcher = Matcher("doesn't work", "rip-off", ":(");

        var hits = Hits(matcher, "It DOESN’T WORK, total RIP-OFF :(");

        Assert.Equal(["doesn't work", "rip-off", ":("], hits.Select(h => h.Value));
    }

    [Fact]
    public void DoesNotMatchInsideAWord()
    {
        var matcher = Matcher("agent");

        Assert.Empty(Hits(matcher, "the agents' agency"));
    }

    [Fact]
    public void ReportsThePhraseAtAGivenToken()
    {
        var matcher = Matcher("real person");
        var tokens = TextTokens.Of("a real person please");

        Assert.Null(matcher.LongestAt(tokens, 0));
        Assert.Equal("real person", matcher.LongestAt(tokens, 1)?.Value);
        Assert.Null(matcher.LongestAt(tokens, 99));
        Assert.True(matcher.Contains(tokens));
        Assert.Equal(2, matcher.MaxPhraseTokens);
        Assert.Equal(1, matcher.PhraseCount);
    }

    [Fact]
    public void CanLookPastPhrasesTheCallerRejects()
    {
        var matcher = Matcher("still", "still waiting");
        var tokens = TextTokens.Of("still waiting");

        var hit = matcher.LongestAt(tokens, 0, value => value != "still waiting");

        Assert.Equal("still", hit?.Value);
    }

    [Fact]
    public void AMessageOfOneRepeatedPhraseMatchesEachCopy()
    {
        var matcher = Matcher("so bad");
        var text = string.Concat(Enumerable.Repeat("so bad ", 10_000));

        var hits = Hits(matcher, text);

        Assert.Equal(10_000, hits.Count);
    }
}
