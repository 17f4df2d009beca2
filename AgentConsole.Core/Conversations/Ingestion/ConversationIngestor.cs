using AgentConsole.Core.Audit;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Delivery;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Telemetry;
using AgentConsole.Core.Triggers;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Conversations.Ingestion;

/// <summary>
/// What storing a batch did, as the transaction that stored it left things. <see cref="Escalation"/>
/// is the conversation's case while it is with humans: the one the batch opened, or the one it found.
/// </summary>
public sealed record IngestionResult(
    Guid ConversationId,
    string ExternalId,
    ConversationStatus Status,
    bool ConversationCreated,
    int NewEvents,
    int DuplicateEvents,
    EscalationDecision? Decision,
    long? OpenedCaseId,
    EscalationView? Escalation);

/// <summary>What a customer upsert did.</summary>
public sealed record CustomerUpsertResult(Customer Customer, bool Created, bool Changed);

/// <summary>
/// Stores what bot integrations send: customer profiles and event batches. A batch goes through in
/// one pass: its trigger inputs are classified before the write lock, then one transaction stores
/// the ledger, the messages, attempts and pages, the trigger state and the case an escalation opens,
/// and the reply is built from what that transaction wrote. An event id the conversation has
/// already accepted is skipped, so a retried delivery is stored once and cannot open a second case.
/// </summary>
/// <remarks>
/// Batches are written through the ingestor's own contexts (one on SQLite; on PostgreSQL, where the
/// batches of different conversations are written side by side, <see cref="IngestionOptions.PostgresScopedWriters"/>),
/// whose connections stay open, so the hand-written statements of the hot path (<see cref="ConversationRows"/>, the ledger,
/// the message writer, the bot's view of the case) are compiled once. Change tracking is kept for
/// what is rare and rich: customer profiles and opening a case.
/// <para>
/// Each batch is an <see cref="DeskActivity.Ingest"/> span with the classification and the trigger
/// evaluation under it; the routing engine's command for a case it opens joins the same trace.
/// </para>
/// </remarks>
public sealed class ConversationIngestor(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time, TriggerEngine triggers, ICaseSink? caseSink = null,
    ChatSignals? chatSignals = null, OutboxSignal? outboxSignal = null, DeskTelemetry? telemetry = null, IOptions<IngestionOptions>? options = null)
    : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The tag of a trigger evaluation whose batch found it opens a case while it held only its conversation, and
    /// started again holding the whole store (PostgreSQL): the batch's trace shows that evaluation, then the one it kept.
    /// </summary>
    public const string RestartedTag = "agentconsole.restarted";

    /// <summary>The channel a conversation gets when the bot names none.</summary>
    public const string DefaultChannel = "web";

    private readonly WriterPool _writers = new(dbFactory, options?.Value.PostgresScopedWriters ?? 0);

    // The triggers' state each conversation's last batch committed, with the text it was stored as. The next
    // batch of that conversation takes it back instead of parsing the text again, when the stored text is
    // still that one; anything else (a rollback, another writer, a restart) parses what the store holds.
    // Guarded by itself: with scoped writers on PostgreSQL several batches are written at once.
    private readonly Dictionary<Guid, (string Json, TriggerState State)> _lastStates = [];
    private const int MaxLastStates = 10_000;

    /// <summary>
    /// Creates or updates the customer known as <paramref name="externalId"/>, and the owner of their
    /// company when the profile sets it (<see cref="CustomerProfile.CompanyOwner"/>). A change of
    /// account or company owner is audited as <paramref name="by"/>; an owner the store does not know,
    /// or a company owner for a customer without a company, is refused (<see cref="DomainException"/>)
    /// and nothing is stored.
    /// </summary>
    public async Task<CustomerUpsertResult> UpsertCustomerAsync(string externalId, CustomerProfile profile, AuditActor? by = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // BEGIN IMMEDIATE: take the write lock up front, so concurrent upserts queue instead of racing.
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var now = time.UtcNowDateTime();
        if (profile.AccountOwner is { } owner && await AccountOwners.ProblemAsync(db, owner, cancellationToken) is { } problem) throw new DomainException(problem);
        var (customer, created) = await FindOrCreateCustomerAsync(db, externalId, now, cancellationToken);
        var ownerBefore = customer.Owner;
        var changed = customer.Apply(profile, now) || created;
        var actor = by ?? new AuditActor("system", "system");
        if (customer.Owner != ownerBefore) AccountOwners.RecordChange(db, actor, customer, ownerBefore, now);
        // After the profile is applied, so a company sent with it is the one owned; a throw rolls back the customer too.
        if (profile.CompanyOwner is { } companyOwner)
            await AccountOwners.SetCompanyAsync(db, customer.Company, companyOwner, actor, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CustomerUpsertResult(customer, created, changed);
    }

    /// <summary>Stores a batch for the conversation <paramref name="externalId"/> of <paramref name="integrationId"/>.</summary>
    /// <exception cref="DomainException">The batch breaks a rule, such as writing to a closed conversation; nothing is stored.</exception>
    public async Task<IngestionResult> IngestAsync(Guid integrationId, string externalId, EventBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var activity = DeskActivity.Source.StartActivity(DeskActivity.Ingest);
        activity?.SetTag("agentconsole.conversation.external_id", externalId);
        activity?.SetTag("agentconsole.events", batch.Events.Count);
        var started = time.GetTimestamp();
        try
        {
            var result = await IngestBatchAsync(integrationId, externalId, batch, cancellationToken);
            telemetry?.BatchIngested(result, time.GetElapsedTime(started));
            activity?.SetTag("agentconsole.conversation.id", result.ConversationId);
            activity?.SetTag("agentconsole.events.new", result.NewEvents);
            if (result.OpenedCaseId is { } caseId) activity?.SetTag("agentconsole.case.id", caseId);
            return result;
        }
        catch (Exception e)
        {
            telemetry?.BatchFailed(time.GetElapsedTime(started), refused: e is DomainException);
            activity.Failed(e);
            throw;
        }
    }

    /// <summary>
    /// Opens a case directly, with no bot, for the conversation <paramref name="externalId"/> of
    /// <paramref name="integrationId"/>: its messages are stored as a batch's are, and the case opens
    /// in the same transaction. A retry of the same request stores nothing and finds the same case.
    /// </summary>
    /// <exception cref="DirectCaseConflictException">
    /// The key is taken: by a conversation a bot started, or by a direct case opened with another request. Nothing is stored.
    /// </exception>
    public async Task<IngestionResult> OpenDirectCaseAsync(Guid integrationId, string externalId, DirectCase direct, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(direct);
        if (direct.Messages.Count == 0) throw new ArgumentException("A direct case needs at least one customer message.", nameof(direct));
        using var activity = DeskActivity.Source.StartActivity(DeskActivity.Ingest);
        activity?.SetTag("agentconsole.conversation.external_id", externalId);
        activity?.SetTag("agentconsole.events", direct.Messages.Count);
        var started = time.GetTimestamp();
        try
        {
            var result = await IngestBatchAsync(integrationId, externalId, direct.ToBatch(time.UtcNowDateTime()), cancellationToken, direct);
            telemetry?.BatchIngested(result, time.GetElapsedTime(started));
            activity?.SetTag("agentconsole.conversation.id", result.ConversationId);
            if (result.OpenedCaseId is { } caseId) activity?.SetTag("agentconsole.case.id", caseId);
            return result;
        }
        catch (Exception e)
        {
            telemetry?.BatchFailed(time.GetElapsedTime(started), refused: e is DomainException);
            activity.Failed(e);
            throw;
        }
    }

    private async Task<IngestionResult> IngestBatchAsync(Guid integrationId, string externalId, EventBatch batch, CancellationToken cancellationToken, DirectCase? direct = null)
    {
        // The batch becomes trigger input once. Classifying is the slow step and depends only on the text: do it before taking the write lock.
        var inputs = batch.Events.ToDictionary<InboundEventData, InboundEventData, TriggerInput?>(e => e, ToTriggerInput, ReferenceEqualityComparer.Instance);
        IReadOnlyDictionary<string, Triggers.Classification.CategoryPrediction> classified;
        using (DeskActivity.Source.StartActivity(DeskActivity.Classify))
            classified = triggers.Classify(inputs.Values.OfType<TriggerInput>(), cancellationToken);

        var db = await _writers.TakeAsync(cancellationToken);
        try
        {
            // Most batches write within their conversation (and its customer), so with scoped writers on PostgreSQL they
            // hold only those locks and the batches of other conversations, from this node's peers, go on beside them. A batch that
            // turns out to open a case starts again holding the whole store, as a direct case does from the start;
            // one whose own messages would open a case (a request for a person, a security report) starts that way.
            if (direct is null && _writers.Scoped && !EscalatesOnItsOwn(inputs.Values, classified))
            {
                try
                {
                    return await IngestAsync(db, integrationId, externalId, batch, inputs, classified, direct,
                        WriteScope.Conversation(integrationId, externalId, batch.Customer?.ExternalId), cancellationToken);
                }
                catch (WholeStoreNeededException)
                {
                    db.ChangeTracker.Clear();
                }
            }
            return await IngestAsync(db, integrationId, externalId, batch, inputs, classified, direct, WriteScope.Store, cancellationToken);
        }
        finally
        {
            _writers.Return(db);
        }
    }

    /// <summary>
    /// Whether the batch's messages alone, in a conversation with nothing before them, would escalate: then the batch
    /// almost always opens a case, and takes the whole store at once rather than start again. The rules run again, on
    /// the stored state and with the customer, under the lock; a wrong guess costs the batch only its share of the store.
    /// </summary>
    private bool EscalatesOnItsOwn(IEnumerable<TriggerInput?> inputs, IReadOnlyDictionary<string, Triggers.Classification.CategoryPrediction> classified)
    {
        var own = inputs.OfType<TriggerInput>().ToList();
        if (own.Count == 0) return false;
        var state = new TriggerState();
        triggers.Apply(state, own, classified);
        return triggers.Decide(state, null, time.UtcNowDateTime()).Escalate;
    }

    /// <summary>
    /// A batch that began within its conversation's scope and would open a case. Opening a case is the rich write
    /// (the context package and briefing, the case and its log, the bot's outbox row, then the routing engine's
    /// command) that every other path that opens one (a direct case, the unresolved-time sweep) does holding the
    /// whole store; a batch does it that way too, rather than beside other writers. It is the rare batch.
    /// </summary>
    private sealed class WholeStoreNeededException() : Exception("Opening a case needs the whole store's write lock.");

    private async Task<IngestionResult> IngestAsync(AgentConsoleDbContext db, Guid integrationId, string externalId, EventBatch batch,
        Dictionary<InboundEventData, TriggerInput?> inputs, IReadOnlyDictionary<string, Triggers.Classification.CategoryPrediction> classified,
        DirectCase? direct, WriteScope scope, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, scope, cancellationToken);
        var now = time.UtcNowDateTime();

        var found = ConversationRows.Find(db, integrationId, externalId);
        // A direct case's key names its conversation: once taken, only the same request (a retry) finds it again.
        if (direct is not null && found is not null) return await RetriedDirectCaseAsync(db, found, direct, batch, cancellationToken);
        var conversation = found?.Conversation ?? new Conversation(integrationId, externalId, batch.Channel ?? DefaultChannel, now);
        var created = found is null;
        await AttachCustomerAsync(db, conversation, batch.Customer, now, cancellationToken);
        // The ledger rows and messages refer to the conversation, so a new one is stored first.
        if (created) ConversationRows.Insert(db, conversation);
        var wasResolved = conversation.Stage == ConversationStage.Resolved;
        // The case a person already had when the batch came: what the customer writes now is written to them.
        var handedOff = conversation.Stage == ConversationStage.WithHumans ? found?.Escalation?.Id : null;
        var accepted = InboundLedger.Accept(db, conversation.Id, batch.Events, now);

        // Apply in the order things happened, so status changes (a resolved conversation reopening) follow the timeline.
        var applied = accepted.OrderBy(e => e.At).Select(e => (Event: e, Message: Apply(conversation, e))).ToList();
        MessageWriter.Append(db, conversation.Messages);
        // A customer who says, after the handoff, that they had to repeat themselves: the case keeps each instance.
        if (handedOff is { } handedOffCase) RepeatMentions.Append(db, handedOffCase, applied.Select(a => a.Message).OfType<Message>());
        await RecordPageAsync(db, conversation, batch.Page, accepted, created, now, cancellationToken);
        ConversationRows.AppendDetails(db, conversation);

        // The triggers see the new events with their stored message ids, so evidence can point at the message.
        var newInputs = applied.Select(a => inputs[a.Event] is { } input ? input with { MessageId = a.Message?.Id } : null).OfType<TriggerInput>().ToList();
        EscalationDecision? decision = null;
        TriggerState? state = null;
        string? storedState = null;
        Case? openedCase = null;
        OutboundEvent? escalated = null;
        if (newInputs.Count > 0)
        {
            // A conversation the customer reopened starts a new story: earlier signals belonged to the last case.
            state = wasResolved && conversation.Stage == ConversationStage.WithBot || found?.StateJson is null ? new TriggerState() : StateOf(conversation.Id, found.StateJson);
            using (var evaluation = DeskActivity.Source.StartActivity(DeskActivity.TriggerEvaluate))
            {
                triggers.Apply(state, newInputs, classified, cancellationToken);
                await LoadCustomerAsync(db, conversation, cancellationToken);
                decision = direct is null
                    ? triggers.Decide(state, conversation.Customer, now)
                    : DecisionPolicy.WithRequested(triggers.DecideOpened(state, conversation.Customer, now, direct.Reason()),
                        direct.Requested.Category, direct.Requested.Priority, direct.Requested.Skill);
                evaluation?.SetTag("agentconsole.escalate", decision.Escalate);
                evaluation?.SetTag("agentconsole.score", decision.Score);
                if (decision.Reasons.Count > 0) evaluation?.SetTag("agentconsole.reason", decision.Reasons[0].Category.ToString());
                if (decision.Escalate && conversation.Stage == ConversationStage.WithBot && !transaction.HoldsWholeStore)
                {
                    evaluation?.SetTag(RestartedTag, true);
                    throw new WholeStoreNeededException();
                }
            }
            if (decision.Escalate && conversation.Stage == ConversationStage.WithBot)
            {
                // Opening a case is rare and rich (the context package, the briefing, the case log): change tracking does it.
                db.Attach(conversation);
                (openedCase, escalated) = await CaseOpener.OpenAsync(db, conversation, decision, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        // The conversation's row and the triggers' state in it are written back with one statement.
        if (created || state is not null || found!.Stored != (conversation.CustomerId, conversation.Stage, conversation.LastActivityAt, conversation.FirstCustomerMessageAt))
            storedState = ConversationRows.Update(db, conversation, state, now);

        // Nothing else writes to this conversation while the batch holds its lock: the view read with it stands unless the batch opened the case.
        var escalation = conversation.Stage != ConversationStage.WithHumans ? null
            : openedCase is null && found?.Escalation is { } known ? known
            : await EscalationView.LatestAsync(db, conversation.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (storedState is not null) RememberState(conversation.Id, storedState, state!);

        // The bot's case.escalated went in with the case: wake its webhook and long polls.
        if (escalated is not null) outboxSignal?.Written(escalated.ConversationId);
        if (openedCase is not null) telemetry?.Escalated(decision!, direct is null ? "ingest" : "direct");
        if (openedCase is not null) caseSink?.CaseOpened(openedCase.Id);
        // New events on a conversation a human already has: whoever has its case open should see them.
        else if (accepted.Count > 0 && escalation is { } open) caseSink?.ConversationUpdated(open.Id);
        // A customer with the conversation open in the widget reads what is new.
        if (accepted.Count > 0 || openedCase is not null) chatSignals?.Changed(conversation.Id);
        return new IngestionResult(conversation.Id, conversation.ExternalId, ConversationStatuses.Of(conversation.Stage, escalation?.Status), created, accepted.Count,
            batch.Events.Count - accepted.Count, decision, openedCase?.Id, escalation);
    }

    /// <summary>The state stored as <paramref name="json"/>: the one the conversation's last batch left, when that is what was stored, else parsed.</summary>
    private TriggerState StateOf(Guid conversationId, string json)
    {
        (string Json, TriggerState State) last;
        bool known;
        lock (_lastStates) known = _lastStates.Remove(conversationId, out last);
        return known && string.Equals(last.Json, json, StringComparison.Ordinal) ? last.State : TriggerStateRecord.Deserialize(json);
    }

    private void RememberState(Guid conversationId, string json, TriggerState state)
    {
        lock (_lastStates)
        {
            if (_lastStates.Count >= MaxLastStates) _lastStates.Clear();
            _lastStates[conversationId] = (json, state);
        }
    }

    /// <summary>
    /// A direct case's key that is already taken: the same request again is a retry, answered with
    /// the case as it is now; anything else is refused. Either way nothing is stored.
    /// </summary>
    private static async Task<IngestionResult> RetriedDirectCaseAsync(AgentConsoleDbContext db, ConversationRows.Found found, DirectCase direct, EventBatch batch,
        CancellationToken cancellationToken)
    {
        var conversation = found.Conversation;
        var opened = await db.InboundEvents.AsNoTracking()
            .Where(e => e.ConversationId == conversation.Id && e.Type == CaseOpenedDirectlyEvent.TypeName)
            .Select(e => e.Payload).FirstOrDefaultAsync(cancellationToken);
        if (opened is null)
            throw new DirectCaseConflictException($"The conversation '{conversation.ExternalId}' already exists from the events API; a direct case needs a key of its own.");
        if (!string.Equals(opened, direct.RequestJson, StringComparison.Ordinal))
            throw new DirectCaseConflictException($"A direct case was already opened with the key '{conversation.ExternalId}' and a different request; a retry must send the same request.");
        var escalation = found.Escalation;
        return new IngestionResult(conversation.Id, conversation.ExternalId, ConversationStatuses.Of(conversation.Stage, escalation?.Status), false, 0,
            batch.Events.Count, null, null, escalation);
    }

    /// <summary>Closes the writers' connections once the batches being written, if any, are done.</summary>
    public ValueTask DisposeAsync() => _writers.DisposeAsync();

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => _writers.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// The ingestor's writers: contexts opened once and kept open, each writing one batch at a time. SQLite's
    /// one writer takes batches one at a time anyway, so there is one; on PostgreSQL with scoped writers, which write the
    /// batches of different conversations side by side (<see cref="WriteScope"/>), there are <see cref="IngestionOptions.PostgresScopedWriters"/>.
    /// </summary>
    private sealed class WriterPool : IAsyncDisposable
    {
        private readonly IDbContextFactory<AgentConsoleDbContext> _dbFactory;
        private readonly Stack<AgentConsoleDbContext> _idle = [];
        private readonly int _size;
        private readonly SemaphoreSlim _turns;

        public WriterPool(IDbContextFactory<AgentConsoleDbContext> dbFactory, int postgresScopedWriters)
        {
            _dbFactory = dbFactory;
            using (var probe = dbFactory.CreateDbContext())
                Scoped = postgresScopedWriters > 0 && probe.Database.IsNpgsql();
            _size = Scoped ? postgresScopedWriters : 1;
            _turns = new SemaphoreSlim(_size, _size);
        }

        /// <summary>Whether the store writes batches side by side, each within its conversation's <see cref="WriteScope"/> (PostgreSQL).</summary>
        public bool Scoped { get; }

        /// <summary>Waits for a writer's turn and returns its context; <see cref="Return"/> gives it back.</summary>
        public async Task<AgentConsoleDbContext> TakeAsync(CancellationToken cancellationToken)
        {
            await _turns.WaitAsync(cancellationToken);
            try
            {
                lock (_idle)
                    if (_idle.TryPop(out var idle)) return idle;
                // The same store and options as every other context; this one keeps its connection.
                DbContextOptions<AgentConsoleDbContext> options;
                await using (var probe = await _dbFactory.CreateDbContextAsync(cancellationToken))
                    options = (DbContextOptions<AgentConsoleDbContext>)probe.GetService<IDbContextOptions>();
                var writer = new AgentConsoleDbContext(options);
                try
                {
                    await writer.Database.OpenConnectionAsync(cancellationToken);
                }
                catch
                {
                    await writer.DisposeAsync();
                    throw;
                }
                // The whole batch rolls back together, so the savepoint EF would wrap each save in buys nothing.
                writer.Database.AutoSavepointsEnabled = false;
                return writer;
            }
            catch
            {
                _turns.Release();
                throw;
            }
        }

        /// <summary>Gives back a context <see cref="TakeAsync"/> returned, cleared, for the next batch.</summary>
        public void Return(AgentConsoleDbContext writer)
        {
            writer.ChangeTracker.Clear();
            lock (_idle) _idle.Push(writer);
            _turns.Release();
        }

        public async ValueTask DisposeAsync()
        {
            for (var i = 0; i < _size; i++) await _turns.WaitAsync();
            try
            {
                List<AgentConsoleDbContext> idle;
                lock (_idle)
                {
                    idle = [.. _idle];
                    _idle.Clear();
                }
                foreach (var writer in idle) await writer.DisposeAsync();
            }
            finally
            {
                _turns.Release(_size);
            }
        }
    }

    /// <summary>Ties the conversation to the customer the batch names, creating or updating the customer's profile.</summary>
    private static async Task AttachCustomerAsync(AgentConsoleDbContext db, Conversation conversation, CustomerReference? reference, DateTime now, CancellationToken cancellationToken)
    {
        if (reference is null) return;
        var customer = conversation.CustomerId is { } id && await db.Customers.FindAsync([id], cancellationToken) is { } current && current.ExternalId == reference.ExternalId
            ? current
            : (await FindOrCreateCustomerAsync(db, reference.ExternalId, now, cancellationToken)).Customer;
        customer.Apply(reference.Profile, now);
        conversation.AttachCustomer(customer);
        // The conversation's row refers to the customer, so the customer is stored first.
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Reads the conversation's customer, whose value the decision weighs, unless the batch already did.</summary>
    private static async Task LoadCustomerAsync(AgentConsoleDbContext db, Conversation conversation, CancellationToken cancellationToken)
    {
        if (conversation.Customer is null && conversation.CustomerId is { } id && await db.Customers.FindAsync([id], cancellationToken) is { } customer)
            conversation.AttachCustomer(customer);
    }

    /// <summary>Records the page beside a batch when it differs from the latest one known, so a retry adds nothing.</summary>
    private static async Task RecordPageAsync(AgentConsoleDbContext db, Conversation conversation, PageSnapshot? page,
        IReadOnlyList<InboundEventData> accepted, bool created, DateTime now, CancellationToken cancellationToken)
    {
        if (page is null) return;
        var latest = accepted.OfType<PageViewedEvent>().MaxBy(e => e.At) is { } viewed
            ? (viewed.Url, viewed.Title)
            : created ? default : await LatestPageAsync(db, conversation.Id, cancellationToken);
        if (latest.Url != page.Url || latest.Title != page.Title)
            conversation.RecordPageView(page.Url, page.Title, page.At ?? now);
    }

    /// <summary>The trigger input an event makes, or null for events the triggers do not read.</summary>
    private static TriggerInput? ToTriggerInput(InboundEventData inbound) => inbound switch
    {
        CustomerMessageEvent e => new TriggerInput(TriggerInputKind.CustomerMessage, e.Text, e.At),
        BotMessageEvent e => new TriggerInput(TriggerInputKind.BotMessage, e.Text, e.At, e.Confidence),
        HandoffRequestedEvent e => new TriggerInput(TriggerInputKind.BotHandoff, e.Reason, e.At),
        _ => null,
    };

    /// <summary>Applies an event to the conversation; returns the message it added, if it added one.</summary>
    private static Message? Apply(Conversation conversation, InboundEventData inbound)
    {
        switch (inbound)
        {
            case CustomerMessageEvent e:
                return conversation.AddMessage(MessageAuthor.Customer, e.Text, e.At, e.Id);
            case BotMessageEvent e:
                return conversation.AddMessage(MessageAuthor.Bot, e.Text, e.At, e.Id, e.Confidence);
            case BotAttemptedSolutionEvent e:
                conversation.RecordAttempt(AttemptSource.Bot, e.Description, e.Outcome, e.At, e.Id);
                return null;
            case CustomerTriedEvent e:
                conversation.RecordAttempt(AttemptSource.Customer, e.Description, AttemptOutcome.Unknown, e.At, e.Id);
                return null;
            case PageViewedEvent e:
                conversation.RecordPageView(e.Url, e.Title, e.At, e.Id);
                return null;
            case HandoffRequestedEvent e:
                return conversation.AddMessage(MessageAuthor.System, $"The bot asked for a human: {e.Reason}", e.At, e.Id);
            case CaseOpenedDirectlyEvent:
                // The ledger's record of the request: the messages and the case say the rest.
                return null;
            default:
                throw new InvalidOperationException($"No handler for event type {inbound.Type}.");
        }
    }

    private static async Task<(string? Url, string? Title)> LatestPageAsync(AgentConsoleDbContext db, Guid conversationId, CancellationToken cancellationToken)
    {
        var latest = await db.PageContexts.Where(p => p.ConversationId == conversationId)
            .OrderByDescending(p => p.ViewedAt).ThenByDescending(p => p.Id)
            .Select(p => new { p.Url, p.Title }).FirstOrDefaultAsync(cancellationToken);
        return (latest?.Url, latest?.Title);
    }

    private static async Task<(Customer Customer, bool Created)> FindOrCreateCustomerAsync(AgentConsoleDbContext db, string externalId, DateTime now, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.ExternalId == externalId, cancellationToken);
        if (customer is not null) return (customer, false);
        customer = new Customer(externalId, now);
        db.Customers.Add(customer);
        return (customer, true);
    }
}
