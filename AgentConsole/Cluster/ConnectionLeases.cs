namespace AgentConsole.Cluster;

/// <summary>
/// The desk's account of which node holds which agents' connections (hub connections and console
/// circuits), kept so that the engine's connection counts stay true when nodes come and go:
/// <list type="bullet">
/// <item>every node reports its connections each time it renews its subscription; after the desk
/// was rebuilt on another node, the first renewals give it back the connections that outlived the
/// old desk, so agents still connected do not go Away;</item>
/// <item>a node that stops renewing (it died, or lost the cluster) loses its connections once its
/// lease has run out, so its agents go Away after the usual grace instead of taking offers nobody sees.</item>
/// </list>
/// Each method returns the changes to give the engine, one entry per connection opened (+1) or
/// closed (-1). Not thread-safe: the grain calls it between awaits.
/// </summary>
internal sealed class ConnectionLeases(TimeSpan expiry)
{
    private readonly Dictionary<string, Lease> _nodes = new(StringComparer.Ordinal);

    /// <summary>The nodes holding a lease now.</summary>
    public IReadOnlyCollection<string> Nodes => _nodes.Keys;

    /// <summary>A connection for <paramref name="agentId"/> opened on <paramref name="node"/>.</summary>
    public IReadOnlyList<(Guid AgentId, int Change)> Opened(string node, Guid agentId, DateTime now)
    {
        var lease = LeaseOf(node, now);
        lease.Counts[agentId] = lease.Counts.GetValueOrDefault(agentId) + 1;
        return [(agentId, +1)];
    }

    /// <summary>
    /// A connection for <paramref name="agentId"/> closed on <paramref name="node"/>; nothing when the desk never
    /// counted it (it opened before this desk was built, and the node had not reported it yet).
    /// </summary>
    public IReadOnlyList<(Guid AgentId, int Change)> Closed(string node, Guid agentId, DateTime now)
    {
        var lease = LeaseOf(node, now);
        if (lease.Counts.GetValueOrDefault(agentId) is not (> 0 and var count)) return [];
        if (count == 1) lease.Counts.Remove(agentId);
        else lease.Counts[agentId] = count - 1;
        return [(agentId, -1)];
    }

    /// <summary>
    /// <paramref name="node"/> renewed its lease with the connections it holds now: the changes that make the desk's
    /// count for that node match, and the closing of every connection of the nodes whose leases ran out.
    /// </summary>
    public IReadOnlyList<(Guid AgentId, int Change)> Renewed(string node, IReadOnlyDictionary<Guid, int> connections, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(connections);
        var changes = new List<(Guid, int)>();
        var lease = LeaseOf(node, now);
        foreach (var agentId in lease.Counts.Keys.Union(connections.Keys).ToList())
        {
            var reported = Math.Max(0, connections.GetValueOrDefault(agentId));
            var change = reported - lease.Counts.GetValueOrDefault(agentId);
            for (var i = 0; i < Math.Abs(change); i++) changes.Add((agentId, Math.Sign(change)));
            if (reported == 0) lease.Counts.Remove(agentId);
            else lease.Counts[agentId] = reported;
        }
        foreach (var (expired, old) in _nodes.Where(n => now - n.Value.SeenAt > expiry).ToList())
        {
            foreach (var (agentId, count) in old.Counts)
                for (var i = 0; i < count; i++) changes.Add((agentId, -1));
            _nodes.Remove(expired);
        }
        return changes;
    }

    /// <summary>Takes back a <paramref name="change"/> the engine refused, so that the node's next renewal reports it again.</summary>
    public void Forget(string node, Guid agentId, int change)
    {
        if (!_nodes.TryGetValue(node, out var lease)) return;
        var count = Math.Max(0, lease.Counts.GetValueOrDefault(agentId) - change);
        if (count == 0) lease.Counts.Remove(agentId);
        else lease.Counts[agentId] = count;
    }

    private Lease LeaseOf(string node, DateTime now)
    {
        if (!_nodes.TryGetValue(node, out var lease)) _nodes[node] = lease = new Lease();
        lease.SeenAt = now;
        return lease;
    }

    private sealed class Lease
    {
        public Dictionary<Guid, int> Counts { get; } = [];
        public DateTime SeenAt { get; set; }
    }
}
