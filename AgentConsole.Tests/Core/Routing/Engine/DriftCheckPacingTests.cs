using AgentConsole.Core.Routing.Engine;
using Microsoft.Extensions.Time.Testing;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>How often the drift check runs: every command at a share of 1, spaced by its own cost below that.</summary>
public sealed class DriftCheckPacingTests
{
    [Fact]
    public void AtAShareOfOneEveryCommandIsChecked()
    {
        // Arrange: a check that took a whole second has just ended.
        var time = new FakeTimeProvider();
        var pacing = new DriftCheckPacing(1);
        var started = time.GetTimestamp();
        time.Advance(TimeSpan.FromSeconds(1));
        pacing.Checked(time, started, time.GetTimestamp());

        // Act
        var due = pacing.Due(time, time.GetTimestamp());

        // Assert
        Assert.True(due);
    }

    [Fact]
    public void AtATenthTheNextCheckWaitsNineTimesWhatTheLastOneCost()
    {
        // Arrange: the first command is always checked; its check costs 100 ms.
        var time = new FakeTimeProvider();
        var pacing = new DriftCheckPacing(0.1);
        var first = pacing.Due(time, time.GetTimestamp());
        var started = time.GetTimestamp();
        time.Advance(TimeSpan.FromMilliseconds(100));
        pacing.Checked(time, started, time.GetTimestamp());

        // Act: commands 899 ms and 900 ms after the check ended.
        time.Advance(TimeSpan.FromMilliseconds(899));
        var before = pacing.Due(time, time.GetTimestamp());
        time.Advance(TimeSpan.FromMilliseconds(1));
        var after = pacing.Due(time, time.GetTimestamp());

        // Assert
        Assert.True(first);
        Assert.False(before);
        Assert.True(after);
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
