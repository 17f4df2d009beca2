namespace AgentConsole.Core.Data;

/// <summary>
/// The second keys of PostgreSQL's two-key advisory locks, each lock's first key naming what it guards
/// (the store's write lock, a desk's lease, a conversation's webhook claim, a batch's conversation or
/// customer). A key is a stable hash, never negative, because <c>pg_locks</c> shows it as an unsigned
/// oid. Two names that hash alike only make their writers take turns.
/// </summary>
public static class AdvisoryKeys
{
    /// <summary>The key of a name: FNV-1a over its characters.</summary>
    public static int Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Fold(Mix(2166136261u, name));
    }

    /// <summary>The key of an id: its 128 bits folded to 31.</summary>
    public static int Of(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return Fold((uint)(BitConverter.ToInt32(bytes[..4]) ^ BitConverter.ToInt32(bytes[4..8]) ^ BitConverter.ToInt32(bytes[8..12]) ^ BitConverter.ToInt32(bytes[12..])));
    }

    /// <summary>The key of a name within an id's namespace, such as a conversation's key within its integration.</summary>
    public static int Of(Guid id, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Fold(Mix((uint)Of(id) * 16777619u, name));
    }

    private static uint Mix(uint hash, string name)
    {
        foreach (var c in name) hash = (hash ^ c) * 16777619u;
        return hash;
    }

    private static int Fold(uint hash) => (int)(hash & 0x7fffffff);
}
