extern alias benchmarks;
using benchmarks::AgentConsole.Benchmarks;

namespace AgentConsole.Tests.LoadTools;

/// <summary>
/// escalation-load's command line: a cluster needs the shared PostgreSQL store, and a run on a cluster or on
/// PostgreSQL measures one SQLite node first, in the same run, unless told not to.
/// </summary>
public sealed class EscalationLoadOptionsTests
{
    [Fact]
    public void AClusterWithoutPostgresIsRefusedWithTheReason()
    {
        var error = new StringWriter();
        Assert.Null(EscalationLoadOptions.Parse(["--nodes", "3"], error));
        Assert.Contains("--store postgres", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AClusterOnPostgresRunsTheSingleSqliteNodeFirstAndFailsOver()
    {
        var options = EscalationLoadOptions.Parse(["--nodes", "3", "--store", "postgres", "--agents", "90"], TextWriter.Null)!;
        Assert.True(options.Cluster);
        Assert.True(options.RunsBaseline);
        Assert.True(options.Failover);
        var baseline = options.SingleSqliteNode;
        Assert.Equal((1, false, false), (baseline.Nodes, baseline.Postgres, baseline.RunsBaseline));
        // The same load on both sides.
        Assert.Equal((options.Agents, options.Rate, options.Escalations, options.ThroughputSenders), (baseline.Agents, baseline.Rate, baseline.Escalations, baseline.ThroughputSenders));
    }

    [Theory]
    [InlineData(new[] { "--nodes", "3", "--store", "postgres", "--no-baseline" }, false)]
    [InlineData(new[] { "--store", "postgres" }, true)]
    [InlineData(new string[0], false)]
    public void TheBaselineRunsOnlyWhereThereIsSomethingToCompare(string[] args, bool runsBaseline) =>
        Assert.Equal(runsBaseline, EscalationLoadOptions.Parse(args, TextWriter.Null)!.RunsBaseline);

    [Theory]
    [InlineData("--store", "mysql")]
    [InlineData("--nodes", "9")]
    [InlineData("--throughput-senders", "0")]
    public void ABadValueIsRefused(string option, string value) =>
        Assert.Null(EscalationLoadOptions.Parse([option, value], TextWriter.Null));
}

/// <summary>The crash harness's cluster mode on its command line: 50 kills in the long mode, 10 in the short one, unless told.</summary>
public sealed class ChaosOptionsClusterTests
{
    [Theory]
    [InlineData(new[] { "--nodes", "3" }, 3, ChaosOptions.ClusterKills)]
    [InlineData(new[] { "--nodes", "3", "--short" }, 3, 10)]
    [InlineData(new[] { "--nodes", "3", "--kills", "7" }, 3, 7)]
    [InlineData(new string[0], 1, 200)]
    public void TheClusterModeKillsFiftyTimesInTheLongMode(string[] args, int nodes, int kills)
    {
        var options = ChaosOptions.Parse(args, TextWriter.Null)!;
        Assert.Equal((nodes, kills, nodes > 1), (options.Nodes, options.Kills, options.Cluster));
    }
}
