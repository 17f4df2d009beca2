using AgentConsole.Cluster;

namespace AgentConsole.Tests.Integration.Cluster;

/// <summary>
/// The desk's account of each node's connections: a rebuilt desk gets back the connections that outlived
/// the old one from the nodes' renewals, a node that stops renewing loses its connections when its lease
/// runs out, and a connection is never closed twice.
/// </summary>
public sealed class ConnectionLeasesTests
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(10);
    private static readonly DateTime T0 = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Ann = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Bob = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    [Fact]
    public void ARebuiltDeskGetsBackTheConnectionsANodeStillHolds()
    {
        var leases = new ConnectionLeases(Expiry);
        var changes = leases.Renewed("node-a", new Dictionary<Guid, int> { [Ann] = 2, [Bob] = 1 }, T0);
        Assert.Equal([(Ann, +1), (Ann, +1), (Bob, +1)], changes.OrderBy(c => c.AgentId).ToList());
        // The same report again changes nothing.
        Assert.Empty(leases.Renewed("node-a", new Dictionary<Guid, int> { [Ann] = 2, [Bob] = 1 }, T0.AddSeconds(2)));
    }

    [Fact]
    public void ARenewalCorrectsWhatTheDirectCallsGotWrong()
    {
        var leases = new ConnectionLeases(Expiry);
        Assert.Equal([(Ann, +1)], leases.Opened("node-a", Ann, T0));
        // The report was taken before a second connection opened and after Ann's only one closed: the desk follows the report...
        Assert.Equal([(Ann, -1)], leases.Renewed("node-a", new Dictionary<Guid, int>(), T0.AddSeconds(1)));
        // ...and a close the desk has no count for is not passed on, so the engine never counts below what the node holds.
        Assert.Empty(leases.Closed("node-a", Ann, T0.AddSeconds(2)));
    }

    [Fact]
    public void ANodeThatStopsRenewingLosesItsConnectionsWhenItsLeaseRunsOut()
    {
        var leases = new ConnectionLeases(Expiry);
        leases.Renewed("node-a", new Dictionary<Guid, int> { [Ann] = 1 }, T0);
        leases.Renewed("node-b", new Dictionary<Guid, int> { [Bob] = 2 }, T0);
        // Node B goes quiet; node A renews. Inside the lease nothing happens to B's connections.
        Assert.Empty(leases.Renewed("node-a", new Dictionary<Guid, int> { [Ann] = 1 }, T0 + Expiry));
        var changes = leases.Renewed("node-a", new Dictionary<Guid, int> { [Ann] = 1 }, T0 + Expiry + TimeSpan.FromSeconds(1));
        Assert.Equal([(Bob, -1), (Bob, -1)], changes);
        Assert.Equal(["node-a"], leases.Nodes);
        // A node that comes back starts a new lease from its report.
        Assert.Equal([(Bob, +1)], leases.Renewed("node-b", new Dictionary<Guid, int> { [Bob] = 1 }, T0 + Expiry * 2));
    }

    [Fact]
    public void OpenAndCloseOnDifferentNodesAreCountedApart()
    {
        var leases = new ConnectionLeases(Expiry);
        leases.Opened("node-a", Ann, T0);
        leases.Opened("node-b", Ann, T0);
        Assert.Equal([(Ann, -1)], leases.Closed("node-b", Ann, T0));
        // Node B holds nothing for Ann now; another close there is not passed on.
        Assert.Empty(leases.Closed("node-b", Ann, T0));
        Assert.Equal([(Ann, -1)], leases.Closed("node-a", Ann, T0));
    }

    [Fact]
    public void AChangeTheEngineRefusedIsForgottenSoTheNextRenewalGivesItAgain()
    {
        var leases = new ConnectionLeases(Expiry);
        leases.Opened("node-a", Ann, T0);
        leases.Forget("node-a", Ann, +1);
        Assert.Equal([(Ann, +1)], leases.Renewed("node-a", new Dictionary<Guid, int> { [Ann] = 1 }, T0.AddSeconds(2)));
    }
}
