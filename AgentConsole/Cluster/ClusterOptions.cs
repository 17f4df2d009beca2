using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AgentConsole.Cluster;

/// <summary>
/// The <c>Cluster</c> section: how this node's co-hosted Orleans silo finds the others. Alone (no
/// <c>Redis:Connection</c>) the silo clusters with itself on free loopback ports and nothing here needs
/// setting. With Redis, every node that names the same Redis, <see cref="ClusterId"/> and
/// <see cref="ServiceId"/> joins one cluster, and one activation of each desk's grain in it routes that desk.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// The desk this node serves: one team of agents, its queue and its cases, routed by one single writer.
    /// The desk's grain is keyed by it, so several desks (tenants, later) spread over the cluster.
    /// </summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$", ErrorMessage = "Cluster.Desk must be lower-case letters, digits and dashes.")]
    public string Desk { get; set; } = "default";

    /// <summary>The port other silos reach this one on; 0 takes a free one (alone, that is always right).</summary>
    [Range(0, 65_535)] public int SiloPort { get; set; }

    /// <summary>The address other silos reach this one on; the nodes here run on loopback.</summary>
    [Required] public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>How often the node tells its desk it is there: the longest routing waits to move after the desk's node died, beside Orleans' own detection.</summary>
    [Range(1, 60)] public int KeepAliveSeconds { get; set; } = 2;

    /// <summary>
    /// After a node dies without leaving, how long its grains (the desk's among them) may not be
    /// activated elsewhere, counted from its estimated failure. It covers a node that was cut off but
    /// still runs: it must have learnt that it was declared dead, and stopped, before another node
    /// takes its desk over. The membership table is read every 2 s, so 5 s leaves a margin; Orleans'
    /// own default is far longer. Routing is unavailable for about this long after such a death.
    /// </summary>
    [Range(0, 300)] public int DirectoryLeaseSeconds { get; set; } = 5;

    /// <summary>The cluster's name in Redis: nodes with the same one form a cluster.</summary>
    [Required] public string ClusterId { get; set; } = "agentconsole";

    /// <summary>The service's name, stable across deployments of the cluster.</summary>
    [Required] public string ServiceId { get; set; } = "agentconsole";
}

/// <summary>Checks <see cref="ClusterOptions"/>; generated from its attributes.</summary>
[OptionsValidator]
public sealed partial class ClusterOptionsValidator : IValidateOptions<ClusterOptions>;
