namespace AgentConsole.Core.Staffing;

/// <summary>
/// The Erlang C queueing model (M/M/N: Poisson arrivals, exponential handle times, N agents each
/// working one case at a time, callers wait in one queue and nobody leaves), as workforce planners
/// use it to staff an interval:
/// <list type="bullet">
/// <item><b>Traffic intensity</b> <c>A = λ · AHT</c> in Erlangs: arrivals per second times the mean handle time in seconds.</item>
/// <item><b>Probability of waiting</b> <c>C(N, A) = N·B / (N − A·(1 − B))</c>, where <c>B = B(N, A)</c> is Erlang B.</item>
/// <item><b>Service level</b>, the share answered within <c>t</c>: <c>1 − C(N, A) · e^(−(N − A)·t / AHT)</c>.</item>
/// <item><b>Average speed of answer</b>: <c>C(N, A) · AHT / (N − A)</c>.</item>
/// </list>
/// Erlang B is computed with its recursion <c>B(0) = 1</c>, <c>B(n) = A·B(n−1) / (n + A·B(n−1))</c>,
/// never with powers and factorials, so it stays exact to rounding for thousands of agents (where
/// <c>A^N / N!</c> overflows a double). With <c>N ≤ A</c> the queue grows without bound: every case
/// waits (<c>C = 1</c>), the service level is 0 and the average speed of answer is infinite.
/// Pure and thread-safe.
/// </summary>
public static class ErlangC
{
    /// <summary>The most agents <see cref="AgentsNeeded"/> will try before giving up.</summary>
    public const int MaxAgents = 100_000;

    /// <summary>The traffic in Erlangs: <paramref name="arrivalsPerHour"/> cases an hour, each handled for <paramref name="meanHandleSeconds"/> on average.</summary>
    public static double TrafficIntensity(double arrivalsPerHour, double meanHandleSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(arrivalsPerHour);
        ArgumentOutOfRangeException.ThrowIfNegative(meanHandleSeconds);
        return arrivalsPerHour * meanHandleSeconds / 3600d;
    }

    /// <summary>Erlang B, the blocking probability of <paramref name="agents"/> servers offered <paramref name="traffic"/> Erlangs, by the stable recursion.</summary>
    public static double ErlangB(int agents, double traffic)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        ArgumentOutOfRangeException.ThrowIfNegative(traffic);
        var b = 1d;
        for (var n = 1; n <= agents; n++) b = traffic * b / (n + traffic * b);
        return b;
    }

    /// <summary>The probability that a case waits at all: Erlang C. 1 when <paramref name="agents"/> ≤ <paramref name="traffic"/>.</summary>
    public static double ProbabilityOfWaiting(int agents, double traffic)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        ArgumentOutOfRangeException.ThrowIfNegative(traffic);
        if (traffic == 0) return 0;
        if (agents <= traffic) return 1;
        var b = ErlangB(agents, traffic);
        return agents * b / (agents - traffic * (1 - b));
    }

    /// <summary>The share of cases answered within <paramref name="answerSeconds"/>.</summary>
    public static double ServiceLevel(int agents, double traffic, double meanHandleSeconds, double answerSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(answerSeconds);
        if (traffic == 0) return 1;
        if (agents <= traffic) return 0;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(meanHandleSeconds);
        var level = 1 - ProbabilityOfWaiting(agents, traffic) * Math.Exp(-(agents - traffic) * answerSeconds / meanHandleSeconds);
        return Math.Clamp(level, 0, 1);
    }

    /// <summary>The average speed of answer in seconds (over every case, those answered at once included); infinite when <paramref name="agents"/> ≤ <paramref name="traffic"/>.</summary>
    public static double AverageSpeedOfAnswer(int agents, double traffic, double meanHandleSeconds)
    {
        if (traffic == 0) return 0;
        if (agents <= traffic) return double.PositiveInfinity;
        return ProbabilityOfWaiting(agents, traffic) * meanHandleSeconds / (agents - traffic);
    }

    /// <summary>
    /// The smallest number of agents whose <see cref="ServiceLevel"/> reaches <paramref name="targetLevel"/>
    /// (such as 0.80 answered within 60 s); 0 when no traffic is offered.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The target is not in [0, 1), or no agent count up to <see cref="MaxAgents"/> meets it.</exception>
    public static int AgentsNeeded(double traffic, double meanHandleSeconds, double answerSeconds, double targetLevel)
    {
        if (targetLevel is < 0 or >= 1 || double.IsNaN(targetLevel)) throw new ArgumentOutOfRangeException(nameof(targetLevel), targetLevel, "A service level is at least 0 and below 1.");
        ArgumentOutOfRangeException.ThrowIfNegative(traffic);
        if (traffic == 0) return 0;
        // Below ⌊A⌋ + 1 the queue is unstable; from there the service level rises with every agent.
        for (var agents = (int)Math.Floor(traffic) + 1; agents <= MaxAgents; agents++)
            if (ServiceLevel(agents, traffic, meanHandleSeconds, answerSeconds) >= targetLevel) return agents;
        throw new ArgumentOutOfRangeException(nameof(traffic), traffic, $"More than {MaxAgents} agents would be needed.");
    }
}
