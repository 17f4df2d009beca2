using System.ComponentModel.DataAnnotations;
using AgentConsole.Core.Data;

namespace AgentConsole.Core.Conversations.Ingestion;

/// <summary>The <c>Ingestion</c> section: the limits the bot API enforces.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>The largest request body accepted, in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The most events one batch may carry.</summary>
    [Range(1, 10_000)]
    public int MaxEventsPerBatch { get; set; } = 100;

    /// <summary>The longest message text or description, in characters.</summary>
    [Range(1, FieldLimits.Text)]
    public int MaxTextLength { get; set; } = FieldLimits.WrittenText;

    /// <summary>
    /// The batches one node writes at once on PostgreSQL, each holding only its conversation (SQLite writes one at a
    /// time whatever this says). More writers raise a node's ingest throughput, but every routing write holds the
    /// whole store and so waits for all the batches being written: under a saturating load, four writers on each of
    /// three nodes starved the routing desk (see the README's cluster runs). One per node keeps a routing write's wait
    /// to the longest of the nodes' batches, where one store-wide lock made it wait for each in turn.
    /// </summary>
    [Range(1, 16)]
    public int PostgresWriters { get; set; } = 1;

    /// <summary>How far in the future an event's <c>at</c> may be, to allow for clock skew.</summary>
    [Range(0, 86_400)]
    public int MaxClockSkewSeconds { get; set; } = 300;
}
