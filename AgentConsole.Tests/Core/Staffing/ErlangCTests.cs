using AgentConsole.Core.Staffing;

namespace AgentConsole.Tests.Core.Staffing;

/// <summary>
/// Erlang C against published worked examples and values checked by hand.
/// <para>
/// The textbook example is Call Centre Helper's "Erlang C formula – made simple" (callcentrehelper.com,
/// also in most workforce-management primers): 100 calls in 30 minutes, 180 s average handle time, a
/// target of 80% answered within 20 s. Traffic A = 100 × 180 / 1800 = 10 Erlangs. The article's table:
/// 11 agents: P(wait) 68.2%, service level 39.0%, ASA 122.8 s; 12 agents: 44.9%, 64.0%, 40.4 s;
/// 13 agents: 28.5%, 79.6%, 17.1 s; 14 agents: 17.4%, 88.8%, 7.8 s; so 14 agents are needed.
/// </para>
/// <para>
/// By hand, A = 1 Erlang and N = 2: A^N/N! · N/(N−A) = 1/2 · 2 = 1 against 1 + A = 2 for the other terms,
/// so C = 1 / (2 + 1) = 1/3; the service level within t = AHT·ln 2 is 1 − 1/3 · e^(−ln 2) = 5/6, and
/// ASA = 1/3 · AHT / (2 − 1) = AHT/3.
/// </para>
/// </summary>
public sealed class ErlangCTests
{
    [Fact]
    public void TrafficIsArrivalsTimesHandleTime()
    {
        // 100 calls in half an hour is 200 an hour.
        Assert.Equal(10, ErlangC.TrafficIntensity(200, 180), 12);
    }

    [Theory]
    [InlineData(11, 0.682, 0.390, 122.8)]
    [InlineData(12, 0.449, 0.640, 40.4)]
    [InlineData(13, 0.285, 0.796, 17.1)]
    [InlineData(14, 0.174, 0.888, 7.8)]
    public void MatchesTheCallCentreHelperWorkedExample(int agents, double waitProbability, double serviceLevel, double asa)
    {
        var traffic = ErlangC.TrafficIntensity(200, 180);

        Assert.Equal(waitProbability, ErlangC.ProbabilityOfWaiting(agents, traffic), 3);
        Assert.Equal(serviceLevel, ErlangC.ServiceLevel(agents, traffic, 180, 20), 3);
        Assert.Equal(asa, ErlangC.AverageSpeedOfAnswer(agents, traffic, 180), 1);
    }

    [Fact]
    public void FourteenAgentsAreTheFewestToAnswerEightyPercentWithinTwentySeconds()
    {
        Assert.Equal(14, ErlangC.AgentsNeeded(10, 180, 20, 0.80));
    }

    [Fact]
    public void MatchesTheHandComputedTwoAgentCase()
    {
        Assert.Equal(0.5, ErlangC.ErlangB(1, 1), 12);
        Assert.Equal(0.2, ErlangC.ErlangB(2, 1), 12);
        Assert.Equal(1d / 3, ErlangC.ProbabilityOfWaiting(2, 1), 12);
        Assert.Equal(5d / 6, ErlangC.ServiceLevel(2, 1, 300, 300 * Math.Log(2)), 12);
        Assert.Equal(100, ErlangC.AverageSpeedOfAnswer(2, 1, 300), 9);
    }

    [Fact]
    public void AnUnstableQueueMakesEveryCaseWait()
    {
        Assert.Equal(1, ErlangC.ProbabilityOfWaiting(10, 10));
        Assert.Equal(0, ErlangC.ServiceLevel(9, 10, 180, 20));
        Assert.Equal(double.PositiveInfinity, ErlangC.AverageSpeedOfAnswer(10, 10, 180));
    }

    [Fact]
    public void NoTrafficNeedsNobody()
    {
        Assert.Equal(0, ErlangC.AgentsNeeded(0, 180, 20, 0.8));
        Assert.Equal(0, ErlangC.ProbabilityOfWaiting(0, 0));
        Assert.Equal(1, ErlangC.ServiceLevel(0, 0, 180, 20));
    }

    [Fact]
    public void StaysFiniteAndExactForThousandsOfAgents()
    {
        // A^N / N! overflows a double long before this; the recursion does not. Exact rational
        // arithmetic (Python's fractions, the same recursion) gives C(1100, 1000) = 0.00104479792840751.
        var c = ErlangC.ProbabilityOfWaiting(1100, 1000);
        Assert.InRange(c, 0.0010447, 0.0010449);
        var big = ErlangC.ProbabilityOfWaiting(10_000, 9_900);
        Assert.InRange(big, 0.22277, 0.22279);
        var needed = ErlangC.AgentsNeeded(9_900, 180, 20, 0.8);
        Assert.InRange(needed, 9_901, 10_100);
        Assert.True(ErlangC.ServiceLevel(needed, 9_900, 180, 20) >= 0.8);
        Assert.True(ErlangC.ServiceLevel(needed - 1, 9_900, 180, 20) < 0.8);
    }

    [Fact]
    public void RefusesATargetOfOneOrMore()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AgentsNeeded(10, 180, 20, 1));
    }
}
