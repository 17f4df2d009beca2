using System.Text;
using AgentConsole.Core.Triggers.Sentiment;

namespace AgentConsole.Tests.Core.Triggers.Sentiment;

public sealed class SentimentLexiconTests
{
    private static SentimentLexicon FromJson(string json) => SentimentLexicon.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void TheBuiltInLexiconLoadsFromTheAssembly()
    {
        var lexicon = SentimentLexicon.Default;

        Assert.True(lexicon.Terms.Count > 800);
        Assert.Equal(-2.5, lexicon.Terms["ridiculous"]);
        Assert.Contains("not", lexicon.Negators);
        Assert.Contains("but", lexicon.Contrast);
        Assert.Contains("although", lexicon.Concessive);
        Assert.Contains("fucking", lexicon.Profanity);
        Assert.Contains("for hours", lexicon.TimePressure);
        Assert.True(lexicon.Sarcasm["oh great"] < 0);
        Assert.Same(lexicon, SentimentLexicon.Default);
    }

    [Fact]
    public void EveryBuiltInValenceIsWithinRange()
    {
        Assert.All(SentimentLexicon.Default.Terms.Values, v => Assert.InRange(v, -4, 4));
        Assert.All(SentimentLexicon.Default.Intensifiers.Values, v => Assert.InRange(v, -1, 1));
    }

    [Fact]
    public void ExtraTermsFromConfigurationAddAndOverride()
    {
        var lexicon = SentimentLexicon.Default.With(new Dictionary<string, double>
        {
            ["Downtime Again"] = -3,
            ["ridiculous"] = -1,
        });

        Assert.Equal(-3, lexicon.Terms["downtime again"]);
        Assert.Equal(-1, lexicon.Terms["ridiculous"]);
        Assert.Equal(-2.5, SentimentLexicon.Default.Terms["ridiculous"]);
        Assert.True(new SentimentAnalyzer(lexicon).Analyze("downtime again").Score < -0.5);
        Assert.Equal(0, new SentimentAnalyzer(SentimentLexicon.Default).Analyze("downtime").Score);
    }

    [Theory]
    [InlineData("", -1)]
    [InlineData("meh", 4.5)]
    [InlineData("meh", double.NaN)]
    public void RejectsABlankPhraseOrAValenceOutOfRange(string phrase, double valence) =>
        Assert.Throws<ArgumentException>(() => SentimentLexicon.Default.With(new Dictionary<string, double> { [phrase] = valence }));

    [Fact]
    public void LoadsALexiconFromJson()
    {
        var lexicon = FromJson("""{ "terms": { "Meh": -1.5, "Yay": 2 }, "negators": ["not"], "intensifiers": { "so": 0.3 } }""");
        var analyzer = new SentimentAnalyzer(lexicon);

        Assert.Equal(2, lexicon.Terms.Count);
        Assert.Empty(lexicon.Contrast);
        Assert.True(analyzer.Analyze("so meh").Score < analyzer.Analyze("meh").Score);
        Assert.True(analyzer.Analyze("not yay").Score < 0);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{ "terms": { "bad": "very" } }""")]
    [InlineData("""{ "terms": { "bad": -9 } }""")]
    [InlineData("""{ "negators": "not" }""")]
    public void RejectsMalformedJson(string json) =>
        Assert.Throws<InvalidDataException>(() => FromJson(json));
}
