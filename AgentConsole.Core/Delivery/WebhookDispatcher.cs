using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentConsole.Core.Delivery;

/// <summary>
/// Delivers pending outbox rows to the bots' callback URLs, <see cref="DeliveryOptions.MaxParallelDeliveries"/>
/// conversations at a time. A conversation's rows go one at a time and in order, from its oldest
/// pending row, so its later events wait while an earlier one is sent or retried; order is kept per
/// conversation only, so conversations never wait for each other. A conversation in flight sends its
/// due rows one after another while they are delivered (a run: up to <see cref="RunLength"/> rows, for
/// up to <see cref="RunTime"/>). When its run ends, the freed place goes to the next due conversation
/// at once, and the run's results are stored in the background, with those of every other run that
/// ended meanwhile, in one transaction. A conversation whose results are not stored yet is not sent
/// again until they are, so its next run starts after what its last one delivered; but the others
/// keep going while a store waits its turn to write, which on a busy store is most of the time.
/// The conversations' heads are read a batch at a time and used while fresh (<see cref="HeadsReuse"/>).
/// Each row is delivered, retried
/// later with exponential backoff and jitter, or parked once it has failed for
/// <see cref="DeliveryOptions.ParkAfterMinutes"/> (then the conversation's later rows go ahead).
/// Everything it needs is in the store, so after a restart it carries on where it was; a row sent
/// whose result was not stored yet is sent again, which the delivery id lets receivers dedupe.
/// Every node on a shared store runs a dispatcher; each claims a conversation before its run and lets
/// it go once the run's results are stored (<see cref="DeliveryClaims"/>), so one node at a time sends it.
/// </summary>
public sealed class WebhookDispatcher(IDbContextFactory<AgentConsoleDbContext> dbFactory, WebhookSender sender, OutboxSignal signal,
    DeliveryOptions options, TimeProvider time, ILogger<WebhookDispatcher>? logger = null) : IAsyncDisposable
{
    /// <summary>The most conversations' heads one read of the outbox takes.</summary>
    public const int BatchSize = 100;

    /// <summary>The most rows a conversation sends in a row before their results are stored and it takes its turn again.</summary>
    public const int RunLength = 100;

    /// <summary>How long a conversation sends in a row at most (it finishes the send it is in): results are stored at least this often.</summary>
    public static readonly TimeSpan RunTime = TimeSpan.FromSeconds(1);

    /// <summary>How long the heads of one read are used before the outbox is read again: no row is sent from a read older than this.</summary>
    public static readonly TimeSpan HeadsReuse = TimeSpan.FromSeconds(1);

    // How many of a conversation's next rows one read takes.
    private const int ReadAhead = 25;

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly PendingWebhooks _store = new(dbFactory, options, time, (ILogger?)logger ?? NullLogger.Instance);
    private readonly DeliveryClaims _claims = new(dbFactory);

    public ValueTask DisposeAsync() => _claims.DisposeAsync();

    /// <summary>
    /// Delivers until stopped. After each step it waits for a conversation's run to end, a store of
    /// results to finish, a new row (in process), the next retry, or <see cref="DeliveryOptions.PollSeconds"/>,
    /// whichever comes first. On stopping, the runs in flight are cancelled; their rows stay pending
    /// and are sent after a restart.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var state = new DispatchState();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Taken before the read, so a row committed during the step wakes the next wait.
                var written = signal.NextWrite;
                DateTime? next;
                try
                {
                    next = await StepAsync(state, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    _logger.LogError(e, "A webhook delivery step failed; the next one runs after the poll interval.");
                    state.Heads.Clear();
                    next = null;
                }
                var now = time.UtcNowDateTime();
                if (next is { } due && due <= now && state.Sending.Count < options.MaxParallelDeliveries) continue;
                var wait = next is { } later && later > now && later - now < options.Poll ? later - now : options.Poll;
                await WaitAsync(written, state.Busy(), wait, stoppingToken);
            }
        }
        finally
        {
            await Task.WhenAll(state.Busy()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: doubling from the initial backoff up to the maximum, then jittered to between half and all of it.</summary>
    public static TimeSpan Backoff(int attempts, DeliveryOptions options, double jitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var seconds = Math.Min(options.InitialBackoff.TotalSeconds * Math.Pow(2, doublings), options.MaxBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.5 + 0.5 * Math.Clamp(jitter, 0, 1)));
    }

    // Hands the results of the runs that ended to the store (in the background, all together, once
    // the store before them has finished), then starts runs of the due conversations not busy while
    // there is room. Returns when the next pending row not in flight is due (now, when due rows wait
    // for room), or null when none is pending.
    private async Task<DateTime?> StepAsync(DispatchState state, CancellationToken cancellationToken)
    {
        var released = new List<Guid>();
        foreach (var (conversation, run) in state.Sending.Where(r => r.Value.IsCompleted).ToList())
        {
            state.Sending.Remove(conversation);
            // A run that failed as a whole stored nothing: its rows are still pending and go again, from any node.
            if (run.IsCompletedSuccessfully) state.Ended(conversation, run.Result);
            else released.Add(conversation);
        }
        if (state.Storing is { IsCompleted: true })
        {
            // Stored (or not): another node may take these conversations now.
            released.AddRange(state.StoringConversations);
            state.Stored();
        }
        if (released.Count > 0) await _claims.ReleaseAsync(released, cancellationToken);
        if (state.Storing is null && state.Unstored.Count > 0)
        {
            var (results, conversations) = state.TakeUnstored();
            state.Storing = StoreAsync(results, cancellationToken);
            state.StoringConversations = conversations;
        }

        var room = options.MaxParallelDeliveries - state.Sending.Count;
        var now = time.UtcNowDateTime();
        if (room <= 0) return now;
        if (!state.Heads.Any(h => h.Row.NextAttemptAt <= now) || time.GetElapsedTime(state.HeadsReadAt) >= HeadsReuse)
        {
            var read = await _store.HeadsAsync(state.BusyConversations(), BatchSize, cancellationToken);
            state.Heads = read;
            state.HeadsReadAt = time.GetTimestamp();
            // A full read may have left due rows out: the next step reads again at once.
            state.MoreThanRead = read.Count == BatchSize;
        }
        DateTime? next = state.MoreThanRead && state.Heads.Count > 0 ? state.Heads[^1].Row.NextAttemptAt : null;
        foreach (var head in state.Heads.ToList())
        {
            if (room > 0 && head.Row.NextAttemptAt <= now)
            {
                state.Heads.Remove(head);
                // Another node is sending it, or has sent this head since it was read: the next read shows where it stands.
                if (!await _claims.TryClaimAsync(head.Row.ConversationId, head.Row.Id, cancellationToken)) continue;
                state.Sending[head.Row.ConversationId] = SendRunAsync(head, cancellationToken);
                room--;
            }
            else if (next is null || head.Row.NextAttemptAt < next)
            {
                next = head.Row.NextAttemptAt;
            }
        }
        if (state.Heads.Count == 0 && state.MoreThanRead) next = now;
        return next;
    }

    // Stores the results; a failure leaves their rows pending, to be sent again.
    private async Task StoreAsync(List<WebhookResult> results, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await _store.RecordAsync(results, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(e, "Storing the results of {Count} webhook sends failed; their rows stay pending and are sent again.", results.Count);
        }
    }

    // One conversation's run: its head, then its next pending rows in order, while each is delivered and due.
    private async Task<List<WebhookResult>> SendRunAsync(PendingHead head, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var results = new List<WebhookResult>();
        if (head.CallbackUrl is null || head.Revoked)
        {
            results.Add(new WebhookResult(head.Row.Id, DeliveryOutcome.Failure(""),
                head.Revoked ? "The integration's key is revoked." : "The integration has no callback URL: the bot pulls its events."));
            return results;
        }
        var row = head.Row;
        var started = time.GetTimestamp();
        var later = new Queue<OutboundEvent>();
        var more = true;
        try
        {
            while (true)
            {
                var outcome = head.Secret is null
                    ? DeliveryOutcome.Failure("The integration has no webhook secret: rotate it on the integrations page.")
                    : await sender.SendAsync(head.CallbackUrl, head.Secret, DeliveryEnvelope.From(row), cancellationToken);
                results.Add(new WebhookResult(row.Id, outcome));
                if (!outcome.Delivered || results.Count == RunLength || time.GetElapsedTime(started) >= RunTime) break;
                if (later.Count == 0 && more)
                {
                    var read = await _store.NextAsync(row.ConversationId, row.Id, Math.Min(RunLength - results.Count, ReadAhead), cancellationToken);
                    more = read.Count == Math.Min(RunLength - results.Count, ReadAhead);
                    foreach (var next in read) later.Enqueue(next);
                }
                if (!later.TryDequeue(out var following) || following.NextAttemptAt > time.UtcNowDateTime()) break;
                row = following;
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // What was sent is kept, and the conversation's next run carries on from there; a row that
            // could not be sent counts as a failed attempt, so it waits its backoff rather than failing in a loop.
            _logger.LogError(e, "Sending conversation {Conversation}'s webhooks failed.", row.ConversationExternalId);
            if (results.Count == 0 || results[^1].RowId != row.Id)
                results.Add(new WebhookResult(row.Id, DeliveryOutcome.Failure($"{e.GetType().Name}: {e.Message}")));
        }
        return results;
    }

    private async Task WaitAsync(Task written, IEnumerable<Task> busy, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var timeout = Task.Delay(wait, time, waiting.Token);
        await Task.WhenAny([written, timeout, .. busy]);
        await waiting.CancelAsync();
        await timeout.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stoppingToken.ThrowIfCancellationRequested();
    }

    // What the dispatcher's loop keeps between steps: the runs in flight, the results not stored yet,
    // the store in progress, and the heads of the last read not started yet.
    private sealed class DispatchState
    {
        public Dictionary<Guid, Task<List<WebhookResult>>> Sending { get; } = [];
        public List<WebhookResult> Unstored { get; private set; } = [];
        public HashSet<Guid> UnstoredConversations { get; private set; } = [];
        public Task? Storing { get; set; }
        public HashSet<Guid> StoringConversations { get; set; } = [];
        public List<PendingHead> Heads { get; set; } = [];
        public long HeadsReadAt { get; set; }
        public bool MoreThanRead { get; set; }

        public void Ended(Guid conversation, List<WebhookResult> results)
        {
            Unstored.AddRange(results);
            UnstoredConversations.Add(conversation);
        }

        public (List<WebhookResult> Results, HashSet<Guid> Conversations) TakeUnstored()
        {
            var taken = (Unstored, UnstoredConversations);
            Unstored = [];
            UnstoredConversations = [];
            return taken;
        }

        public void Stored()
        {
            Storing = null;
            StoringConversations = [];
        }

        // Not to be read as heads: sending, or their last results not stored yet.
        public List<Guid> BusyConversations() => [.. Sending.Keys, .. UnstoredConversations, .. StoringConversations];

        public IEnumerable<Task> Busy() => Storing is null ? Sending.Values : Sending.Values.Append(Storing);
    }
}
