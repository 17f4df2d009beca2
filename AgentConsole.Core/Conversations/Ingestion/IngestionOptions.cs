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
    /// On PostgreSQL, how many batches one node writes at once, each holding only its conversation (and its customer)
    /// beside the store's write lock shared (<see cref="WriteScope.Conversation"/>). 0, the default, writes batches one
    /// at a time per node, each holding the whole store, as every other writer does; SQLite always does. Scoped
    /// writers raise ingest throughput (3 nodes: 702 messages/s with 1, 863 with 4, against 428-522 unscoped) but
    /// every routing write, which holds the whole store, then waits for the batches being written: escalation to
    /// offer p99 rose from 31-41 ms to 53-64 ms, and four per node starved the routing desk under a saturating load.
    /// </summary>
    [Range(0, 16)]
    public int PostgresScopedWriters { get; set; }

    /// <summary>How far in the future an event's <c>at</c> may be, to allow for clock skew.</summary>
    [Range(0, 86_400)]
    public int MaxClockSkewSeconds { get; set; } = 300;
}
