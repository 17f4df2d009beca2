using AgentConsole.Core.Common;

namespace AgentConsole.Core.Privacy;

/// <summary>Why a set of conversations was anonymised.</summary>
public enum ErasureKind
{
    /// <summary>A customer's erasure was requested (the bot API's <c>DELETE</c> or an admin).</summary>
    Customer,
    /// <summary>The conversations were older than <c>Retention:Days</c>.</summary>
    Retention,
}

/// <summary>
/// The record that an erasure happened: who asked, when, whose (by a reference that does not lead
/// back to the person) and how much it changed. Append-only: the store refuses updates and deletes.
/// </summary>
public sealed class ErasureRecord
{
    private ErasureRecord() { }

    /// <summary>Records an erasure of <paramref name="kind"/> asked for by <paramref name="erasedBy"/>.</summary>
    public ErasureRecord(ErasureKind kind, string erasedBy, string? subject, int conversations, int rows, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(erasedBy);
        Kind = kind;
        ErasedBy = erasedBy;
        Subject = subject;
        Conversations = conversations;
        Rows = rows;
        At = now.EnsureUtc(nameof(now));
    }

    public long Id { get; private set; }
    public ErasureKind Kind { get; private set; }
    /// <summary>Who asked: <c>integration:{id}</c>, <c>user:{name}</c>, or <c>retention</c>.</summary>
    public string ErasedBy { get; private set; } = "";
    /// <summary>
    /// The erased customer as <c>customer:{id}</c>, the store's random id of a row that no longer holds
    /// anything personal (their external id is replaced too); null for retention.
    /// </summary>
    public string? Subject { get; private set; }
    /// <summary>How many conversations were anonymised.</summary>
    public int Conversations { get; private set; }
    /// <summary>How many rows were rewritten or removed, the profile included.</summary>
    public int Rows { get; private set; }
    public DateTime At { get; private set; }
}
