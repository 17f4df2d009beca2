using AgentConsole.Core.Settings;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Tests.Integration.Admin;

public sealed class SettingCatalogTests
{
    private static readonly SettingCatalog Catalog = SettingCatalog.For<TriggerOptions>(TriggerOptions.Section);

    [Fact]
    public void FindsEveryThresholdListAndWeightGroupedByFamily()
    {
        var threshold = Catalog.Find("Triggers:EscalationThreshold")!;
        var frustration = Catalog.Find("Triggers:Sentiment:FrustrationThreshold")!;

        Assert.Equal((SettingCatalog.GeneralFamily, SettingKind.Number, 0.1, 10.0), (threshold.Family, threshold.Kind, threshold.Minimum, threshold.Maximum));
        Assert.Equal(("Sentiment", "Frustration threshold", 0.0, 1.0), (frustration.Family, frustration.Name, frustration.Minimum, frustration.Maximum));
        Assert.Equal(SettingKind.TextList, Catalog.Find("Triggers:Complexity:DisputePhrases")!.Kind);
        Assert.Equal(SettingKind.TermMap, Catalog.Find("Triggers:Sentiment:ExtraTerms")!.Kind);
        Assert.Equal(SettingKind.Boolean, Catalog.Find("Triggers:HandoffRequested:Enabled")!.Kind);
        Assert.Equal(SettingKind.Integer, Catalog.Find("Triggers:Unresolved:Minutes")!.Kind);
        Assert.Equal(SettingKind.Number, Catalog.Find("Triggers:CustomerValue:HighValueAnnualContract")!.Kind);
        Assert.Equal(SettingCatalog.GeneralFamily, Catalog.Families.First());
        // A trigger's switch and weight come before its own settings.
        Assert.Equal(["Enabled", "Weight", "Keywords", "Threshold"], Catalog.Settings.Where(s => s.Family == "KeywordRepeat").Select(s => s.Property));
    }

    [Theory]
    [InlineData("Triggers:Sentiment:FrustrationThreshold", " 0.50 ", "0.5")]
    [InlineData("Triggers:Unresolved:Minutes", "30", "30")]
    [InlineData("Triggers:KeywordRepeat:Enabled", "False", "false")]
    [InlineData("Triggers:CustomerValue:HighValueAnnualContract", "50000", "50000")]
    [InlineData("Triggers:KeywordRepeat:Keywords", "refund\r\n\r\n chargeback \nRefund", """["refund","chargeback"]""")]
    [InlineData("Triggers:Sentiment:ExtraTerms", "ugh = -2\nsuper = 1.5", """{"super":1.5,"ugh":-2}""")]
    public void ReadsWhatAnAdminTypesIntoCanonicalText(string key, string input, string canonical)
    {
        Assert.True(SettingValues.TryParseInput(Catalog.Find(key)!, input, out var parsed, out var error), error);
        Assert.Equal(canonical, parsed);
    }

    [Theory]
    [InlineData("Triggers:Sentiment:FrustrationThreshold", "0,5")]
    [InlineData("Triggers:Sentiment:FrustrationThreshold", "NaN")]
    [InlineData("Triggers:Unresolved:Minutes", "1.5")]
    [InlineData("Triggers:Unresolved:Minutes", "99999999999")]
    [InlineData("Triggers:Sentiment:ExtraTerms", "ugh -2")]
    [InlineData("Triggers:Sentiment:ExtraTerms", "a:b = 1")]
    [InlineData("Triggers:Sentiment:ExtraTerms", "ugh = 1\nUGH = 2")]
    [InlineData("Triggers:Sentiment:ExtraTerms", "ugh = lots")]
    public void RefusesTextItCannotRead(string key, string input)
    {
        Assert.False(SettingValues.TryParseInput(Catalog.Find(key)!, input, out _, out var error));
        Assert.StartsWith(Catalog.Find(key)!.Name, error);
    }

    [Fact]
    public void ListsRoundTripBetweenCanonicalTextAndTheEditor()
    {
        var keywords = Catalog.Find("Triggers:KeywordRepeat:Keywords")!;
        var canonical = keywords.ReadCanonical(new TriggerOptions());

        Assert.True(SettingValues.TryParseInput(keywords, SettingValues.ToInput(keywords.Kind, canonical), out var again, out _));
        Assert.Equal(canonical, again);
    }

    [Theory]
    [InlineData("0.45", "0.5", "0.45 → 0.5")]
    [InlineData("""["a","b"]""", """["b","c"]""", "+ c, − a")]
    [InlineData("""{"ugh":-2}""", """{"ugh":-3,"meh":-1}""", "+ meh; ~ ugh -2 → -3")]
    public void DescribesAChangeForTheHistory(string oldValue, string newValue, string description)
    {
        Assert.Equal(description, SettingValues.DescribeChange(oldValue, newValue));
    }
}
