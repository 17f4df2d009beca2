using AgentConsole.Core.Routing.Engine;
using Microsoft.Extensions.Time.Testing;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>How often the drift check runs: every command at a share of 1, one at a time and spaced by its own cost below that.</summary>
public sealed class DriftCheckPacingTests
{
    [Fact]
    public void AtAShareOfOneEveryCommandIsChecked()
    {
        // Arrange: a check that took a whole second has just ended, and another is still running.
        var time = new FakeTimeProvider();
        var pacing = new DriftCheckPacing(1);
        var started = time.GetTimestamp();
        Assert.True(pacing.TryBegin(time, started));
        Assert.True(pacing.TryBegin(time, started));
        time.Advance(TimeSpan.FromSeconds(1));
        pacing.Ended(time, started, time.GetTimestamp());

        // Act
        var due = pacing.TryBegin(time, time.GetTimestamp());

        // Assert
        Assert.True(due);
    }

    [Fact]
    public void AtATenthTheNextCheckWaitsNineTimesWhatTheLastOneCost()
    {
        // Arrange: the first command is always checked; its check costs 100 ms.
        var time = new FakeTimeProvider();
        var pacing = new DriftCheckPacing(0.1);
        var started = time.GetTimestamp();
        var first = pacing.TryBegin(time, started);
        time.Advance(TimeSpan.FromMilliseconds(100));
        pacing.Ended(time, started, time.GetTimestamp());

        // Act: commands 899 ms and 900 ms after the check ended.
        time.Advance(TimeSpan.FromMilliseconds(899));
        var before = pacing.TryBegin(time, time.GetTimestamp());
        time.Advance(TimeSpan.FromMilliseconds(1));
        var after = pacing.TryBegin(time, time.GetTimestamp());

        // Assert
        Assert.True(first);
        Assert.False(before);
        Assert.True(after);
    }

    [Fact]
    public void BelowAShareOfOneNoCheckBeginsWhileAnotherRuns()
    {
        // Arrange: the first check has begun and runs on, off the loop.
        var time = new FakeTimeProvider();
        var pacing = new DriftCheckPacing(0.5);
        var started = time.GetTimestamp();
        Assert.True(pacing.TryBegin(time, started));

        // Act: a minute later it still runs; then it ends, having cost that minute.
        time.Advance(TimeSpan.FromMinutes(1));
        var whileRunning = pacing.TryBegin(time, time.GetTimestamp());
        pacing.Ended(time, started, time.GetTimestamp());
        var atOnce = pacing.TryBegin(time, time.GetTimestamp());
        time.Advance(TimeSpan.FromMinutes(1));
        var aMinuteLater = pacing.TryBegin(time, time.GetTimestamp());

        // Assert
        Assert.False(whileRunning);
        Assert.False(atOnce);
        Assert.True(aMinuteLater);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    public void AShareOutsideZeroToOneIsRefused(double share)
    {
        // Arrange
        var options = new RoutingEngineOptions { CheckStateDrift = true, StateDriftShare = share };

        // Act
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new RoutingEngine(null!, TimeProvider.System, new RoutingNotifier(), new AgentConsole.Core.Routing.Policy.RoutingPolicyOptions(), engineOptions: options));

        // Assert
        Assert.Contains("StateDriftShare", refused.Message);
    }
}
