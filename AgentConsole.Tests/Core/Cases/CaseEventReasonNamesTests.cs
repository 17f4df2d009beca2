using AgentConsole.Core.Cases;

namespace AgentConsole.Tests.Core.Cases;

public sealed class CaseEventReasonNamesTests
{
    [Fact]
    public void EveryReasonHasWordsOfItsOwn()
    {
        var names = Enum.GetValues<CaseEventReason>().Select(CaseEventReasonNames.Of).ToList();

        Assert.All(names, name => Assert.False(string.IsNullOrWhiteSpace(name)));
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("Offer timed out", CaseEventReasonNames.Of(CaseEventReason.TimedOut));
    }
}
