using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Conversations.Ingestion;

/// <summary>What storing a batch did.</summary>
public sealed record IngestionResult(
    Guid ConversationId,
    string ExternalId,
    ConversationStatus Status,
    bool ConversationCreated,
    int NewEvents,
    int DuplicateEvents,
    IReadOnlyList<InboundEventData> AcceptedEvents,
    EscalationDecision? Decision,
    long? OpenedCaseId);

/// <summary>What a customer upsert did.</summary>
public sealed record CustomerUpsertResult(Customer Customer, bool Created, bool Changed);

/// <summary>
/// Stores what bot integrations send: customer profiles and event batches. A batch is stored in
/// one transaction, all or nothing, and an event id the conversation has already accepted is
/// skipped, so a retried delivery is stored once. The triggers run on every batch's new events,
/// and an escalation opens its case in the same transaction, so a retry cannot open a second one.
/// </summary>
public sealed class ConversationIngestor(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time, TriggerEngine triggers, Cases.ICaseSink? caseSink = null)
{
    /// <summary>The channel a conversation gets when the bot names none.</summary>
    public const string DefaultChannel = "web";

    /// <summary>Creates or updates the customer known as <paramref name="externalId"/>.</summary>
    public async Task<CustomerUpsertResult> UpsertCustomerAsync(string externalId, CustomerProfile profile, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // BEGIN IMMEDIATE: take the write lock up front, so concurrent upserts queue instead of racing.
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var now = time.UtcNowDateTime();
        var (customer, created) = await FindOrCreateCustomerAsync(db, externalId, now, cancellationToken);
        var changed = customer.Apply(profile, now) || created;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CustomerUpsertResult(customer, created, changed);
    }

    /// <summary>Stores a batch for the conversation <paramref name="externalId"/> of <paramref name="integrationId"/>.</summary>
    /// <exception cref="DomainException">The batch breaks a rule, such as writing to a closed conversation; nothing is stored.</exception>
    public async Task<IngestionResult> IngestAsync(Guid integrationId, string externalId, EventBatch batch, CancellationToken cancellationToken = default)
    {
        // Classifying is the slow step and depends only on the text: do it before taking the write lock.
        var classified = triggers.Classify(batch.Events.Select(ToTriggerInput).OfType<TriggerInput>(), cancellationToken);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        // The whole batch rolls back together, so the savepoint EF would wrap each save in buys nothing.
        db.Database.AutoSavepointsEnabled = false;
        var now = time.UtcNowDateTime();

        // One round trip for the conversation, its customer and its trigger state.
        var row = await FindConversation(db, integrationId, externalId);
        var conversation = row?.Conversation;
        var record = row?.State;
        var created = conversation is null;
        conversation ??= db.Conversations.Add(new Conversation(integrationId, externalId, batch.Channel ?? DefaultChannel, now)).Entity;
        var wasResolved = conversation.Stage == ConversationStage.Resolved;

        if (batch.Customer is { } reference)
        {
            var (customer, _) = await FindOrCreateCustomerAsync(db, reference.ExternalId, now, cancellationToken);
            customer.Apply(reference.Profile, now);
            conversation.AttachCustomer(customer);
        }
        // The rows appended below refer to the conversation, so a new one is stored first.
        if (created) await db.SaveChangesAsync(cancellationToken);

        // The ledger's unique (conversation, event id) index is the dedupe: each event's ledger row is
        // inserted first, and an event whose row already exists is a retry and is skipped.
        var accepted = new List<InboundEventData>(batch.Events.Count);
        await using (var ledger = new RowInserter<InboundEvent>(db, skipDuplicates: true, nameof(InboundEvent.ConversationId), nameof(InboundEvent.EventId),
            nameof(InboundEvent.Type), nameof(InboundEvent.OccurredAt), nameof(InboundEvent.ReceivedAt), nameof(InboundEvent.Payload)))
        {
            foreach (var inbound in batch.Events)
            {
                if (await ledger.TryInsertAsync(cancellationToken, conversation.Id, inbound.Id, inbound.Type, inbound.At, now, inbound.RawJson))
                    accepted.Add(inbound);
            }
        }

        // Apply in the order things happened, so status changes (a resolved conversation reopening) follow the timeline.
        var applied = new List<(InboundEventData Event, Message? Message)>();
        foreach (var inbound in accepted.OrderBy(e => e.At))
        {
            applied.Add((inbound, Apply(conversation, inbound)));
        }

        // The page beside a batch is recorded when it differs from the latest one known, so a retry adds nothing.
        if (batch.Page is { } page)
        {
            var latest = accepted.OfType<PageViewedEvent>().MaxBy(e => e.At) is { } viewed
                ? (viewed.Url, viewed.Title)
                : created ? default : await LatestPageAsync(db, conversation.Id, cancellationToken);
            if (latest.Url != page.Url || latest.Title != page.Title)
                conversation.RecordPageView(page.Url, page.Title, page.At ?? now);
        }
        await AppendRowsAsync(db, conversation, cancellationToken);

        // The triggers see the new events with their stored message ids, so evidence can point at the message.
        var inputs = applied.Select(a => ToTriggerInput(a.Event) is { } input ? input with { MessageId = a.Message?.Id } : null).OfType<TriggerInput>().ToList();
        EscalationDecision? decision = null;
        Cases.Case? openedCase = null;
        if (inputs.Count > 0)
        {
            if (record is null) db.TriggerStates.Add(record = new TriggerStateRecord(conversation.Id));
            // A conversation the customer reopened starts a new story: earlier signals belonged to the last case.
            var reopened = wasResolved && conversation.Stage == ConversationStage.WithBot;
            var state = reopened ? new TriggerState() : record.Read();
            triggers.Apply(state, inputs, classified, cancellationToken);
            decision = triggers.Decide(state, conversation.Customer, now);
            record.Write(state, now);
            if (decision.Escalate && conversation.Stage == ConversationStage.WithBot)
            {
                // The context package reads this batch's attempts and pages from the store.
                await db.SaveChangesAsync(cancellationToken);
                openedCase = await CaseOpener.OpenAsync(db, conversation, decision, now, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);

        // A conversation a human already has: its case's status is part of the one reported, and
        // whoever has the case open should see the new messages.
        (long Id, Cases.CaseStatus Status)? openCase = null;
        if (openedCase is null && conversation.Stage == ConversationStage.WithHumans)
        {
            var conversationId = conversation.Id;
            var open = await db.Cases.Where(c => c.ConversationId == conversationId && c.Status != Cases.CaseStatus.Resolved)
                .OrderByDescending(c => c.Id).Select(c => new { c.Id, c.Status }).FirstOrDefaultAsync(cancellationToken);
            if (open is not null) openCase = (open.Id, open.Status);
        }
        var updatedCase = accepted.Count > 0 ? openCase?.Id : null;

        await transaction.CommitAsync(cancellationToken);
        if (openedCase is not null) caseSink?.CaseOpened(openedCase.Id);
        if (updatedCase is { } caseId) caseSink?.ConversationUpdated(caseId);
        var status = ConversationStatuses.Of(conversation.Stage, openedCase?.Status ?? openCase?.Status);
        return new IngestionResult(conversation.Id, conversation.ExternalId, status, created, accepted.Count,
            batch.Events.Count - accepted.Count, accepted, decision, openedCase?.Id);
    }

    private sealed record ConversationRow(Conversation Conversation, Customer? Customer, TriggerStateRecord? State);

    // Compiled once: these run on every batch.
    private static readonly Func<AgentConsoleDbContext, Guid, string, Task<ConversationRow?>> FindConversation =
        EF.CompileAsyncQuery((AgentConsoleDbContext db, Guid integrationId, string externalId) =>
            (from c in db.Conversations
             where c.IntegrationId == integrationId && c.ExternalId == externalId
             join s in db.TriggerStates on c.Id equals s.ConversationId into states
             from s in states.DefaultIfEmpty()
             select new ConversationRow(c, c.Customer, s)).SingleOrDefault());

    /// <summary>
    /// Appends the batch's new messages, the bulk of every batch, with a prepared command in the same
    /// transaction. They never enter change tracking, whose cost grows with the number of rows; EF
    /// saves the rest of the batch.
    /// </summary>
    private static async Task AppendRowsAsync(AgentConsoleDbContext db, Conversation conversation, CancellationToken cancellationToken)
    {
        if (conversation.Messages.Count == 0) return;
        await using var insert = new RowInserter<Message>(db, nameof(Message.ConversationId), nameof(Message.Author), nameof(Message.Text),
            nameof(Message.SentAt), nameof(Message.EventId), nameof(Message.BotConfidence));
        foreach (var m in conversation.Messages)
            m.Stored((await insert.InsertAsync(cancellationToken, m.ConversationId, m.Author, m.Text, m.SentAt, m.EventId, m.BotConfidence))!.Value);
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
