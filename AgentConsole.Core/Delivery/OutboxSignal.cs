namespace AgentConsole.Core.Delivery;

/// <summary>
/// Wakes, in process, whoever waits for new outbox rows: the webhook dispatcher (any row) and the
/// pull API's long polls (a conversation's rows). Writers call <see cref="Written(IEnumerable{Guid})"/> after they
/// commit. A waiter takes its task before it reads the outbox, so a row committed between the two
/// is never missed; a spurious wake-up only costs a read.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Waiters> _conversations = [];
    private TaskCompletionSource _any = NewSource();

    /// <summary>Completes when rows are next written for any conversation.</summary>
    public Task NextWrite
    {
        get { lock (_lock) return _any.Task; }
    }

    /// <summary>How many listeners wait on conversations now.</summary>
    public int ListenerCount
    {
        get { lock (_lock) return _conversations.Values.Sum(w => w.Count); }
    }

    /// <summary>Listens for <paramref name="conversationId"/>'s next rows; dispose when done waiting.</summary>
    public Listener Listen(Guid conversationId)
    {
        lock (_lock)
        {
            if (!_conversations.TryGetValue(conversationId, out var waiters)) _conversations[conversationId] = waiters = new Waiters();
            waiters.Count++;
            return new Listener(this, conversationId, waiters.Source.Task);
        }
    }

    /// <summary>Rows were committed for these conversations.</summary>
    public void Written(IEnumerable<Guid> conversationIds)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        List<TaskCompletionSource> woken = [];
        lock (_lock)
        {
            woken.Add(_any);
            _any = NewSource();
            foreach (var id in conversationIds)
            {
                if (!_conversations.TryGetValue(id, out var waiters)) continue;
                woken.Add(waiters.Source);
                waiters.Source = NewSource();
            }
        }
        foreach (var source in woken) source.TrySetResult();
    }

    /// <summary>Rows were committed for <paramref name="conversationId"/>.</summary>
    public void Written(Guid conversationId) => Written([conversationId]);

    private void Leave(Guid conversationId)
    {
        lock (_lock)
        {
            if (_conversations.TryGetValue(conversationId, out var waiters) && --waiters.Count == 0) _conversations.Remove(conversationId);
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Waiters
    {
        public TaskCompletionSource Source { get; set; } = NewSource();
        public int Count { get; set; }
    }

    /// <summary>One waiter's interest in a conversation.</summary>
    public sealed class Listener : IDisposable
    {
        private OutboxSignal? _owner;
        private readonly Guid _conversationId;

        internal Listener(OutboxSignal owner, Guid conversationId, Task written)
        {
            _owner = owner;
            _conversationId = conversationId;
            Written = written;
        }

        /// <summary>Completes when rows are written for the conversation after <see cref="Listen"/>.</summary>
        public Task Written { get; }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Leave(_conversationId);
    }
}
