using System.Collections.Concurrent;
using System.Threading.Channels;

namespace AgentConsole.Core.Chat;

/// <summary>What woke a customer's stream.</summary>
public enum ChatSignalKind
{
    /// <summary>Something was stored or routing moved: read the transcript and status again.</summary>
    Changed,
    /// <summary>The agent started or stopped typing; nothing is stored.</summary>
    Typing,
}

/// <summary>A wake-up for a customer's stream; <see cref="Name"/> and <see cref="IsTyping"/> for <see cref="ChatSignalKind.Typing"/>.</summary>
public sealed record ChatSignal(ChatSignalKind Kind, string? Name = null, bool IsTyping = false)
{
    public static readonly ChatSignal Changed = new(ChatSignalKind.Changed);
}

/// <summary>
/// Wakes the customers' open streams in process. A stream listens to its conversation; whatever
/// stores something for the conversation, or moves its case, signals it, and the stream reads what
/// is new from the store. Signals carry no data but typing, so a missed or repeated one costs a read,
/// never a wrong transcript. The agent console listens the same way for the customer's typing.
/// </summary>
public sealed class ChatSignals
{
    private readonly ConcurrentDictionary<Guid, Listener[]> _customers = new();
    private readonly ConcurrentDictionary<Guid, Action<bool>[]> _desk = new();

    /// <summary>Starts listening for <paramref name="conversationId"/>'s customer; dispose to stop.</summary>
    public Listener Listen(Guid conversationId)
    {
        var listener = new Listener(this, conversationId);
        _customers.AddOrUpdate(conversationId, _ => [listener], (_, current) => [.. current, listener]);
        return listener;
    }

    /// <summary>How many customer streams are listening.</summary>
    public int ListenerCount => _customers.Values.Sum(l => l.Length);

    /// <summary>Something about the conversation was stored or moved.</summary>
    public void Changed(Guid conversationId) => Send(conversationId, ChatSignal.Changed);

    /// <summary>The queue moved: every customer who waits may have a new place and wait.</summary>
    public void QueueMoved()
    {
        foreach (var listeners in _customers.Values)
        {
            foreach (var listener in listeners)
            {
                if (listener.Waiting) listener.Post(ChatSignal.Changed);
            }
        }
    }

    /// <summary>The agent <paramref name="name"/> started or stopped typing to the customer.</summary>
    public void AgentTyping(Guid conversationId, string name, bool typing) => Send(conversationId, new ChatSignal(ChatSignalKind.Typing, name, typing));

    /// <summary>Calls <paramref name="onTyping"/> when the customer of <paramref name="conversationId"/> types; dispose to stop.</summary>
    public IDisposable WatchCustomer(Guid conversationId, Action<bool> onTyping)
    {
        ArgumentNullException.ThrowIfNull(onTyping);
        _desk.AddOrUpdate(conversationId, _ => [onTyping], (_, current) => [.. current, onTyping]);
        return new Unwatch(() => Remove(_desk, conversationId, onTyping));
    }

    /// <summary>The customer of <paramref name="conversationId"/> is typing.</summary>
    public void CustomerTyping(Guid conversationId, bool typing)
    {
        if (!_desk.TryGetValue(conversationId, out var watchers)) return;
        foreach (var watcher in watchers) watcher(typing);
    }

    private void Send(Guid conversationId, ChatSignal signal)
    {
        if (!_customers.TryGetValue(conversationId, out var listeners)) return;
        foreach (var listener in listeners) listener.Post(signal);
    }

    private static void Remove<T>(ConcurrentDictionary<Guid, T[]> map, Guid key, T item) where T : class
    {
        while (map.TryGetValue(key, out var current))
        {
            var rest = current.Where(c => !ReferenceEquals(c, item)).ToArray();
            if (rest.Length == current.Length) return;
            var done = rest.Length == 0
                ? map.TryRemove(new KeyValuePair<Guid, T[]>(key, current))
                : map.TryUpdate(key, rest, current);
            if (done) return;
        }
    }

    /// <summary>One customer stream's wake-ups.</summary>
    public sealed class Listener : IDisposable
    {
        // A few signals are enough to say "read again"; a slow stream drops the oldest rather than growing.
        private readonly Channel<ChatSignal> _signals = Channel.CreateBounded<ChatSignal>(
            new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        private readonly ChatSignals _owner;

        internal Listener(ChatSignals owner, Guid conversationId)
        {
            _owner = owner;
            ConversationId = conversationId;
        }

        public Guid ConversationId { get; }

        /// <summary>Set by the stream while its case waits, so queue moves wake it.</summary>
        public bool Waiting { get; set; }

        /// <summary>The signals, as they come.</summary>
        public ChannelReader<ChatSignal> Signals => _signals.Reader;

        internal void Post(ChatSignal signal) => _signals.Writer.TryWrite(signal);

        public void Dispose()
        {
            _signals.Writer.TryComplete();
            Remove(_owner._customers, ConversationId, this);
        }
    }

    private sealed class Unwatch(Action remove) : IDisposable
    {
        private Action? _remove = remove;
        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}
