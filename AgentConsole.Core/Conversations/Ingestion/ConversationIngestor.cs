using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
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
    IReadOnlyList<InboundEventData> AcceptedEvents);

/// <summary>What a customer upsert did.</summary>
public sealed record CustomerUpsertResult(Customer Customer, bool Created, bool Changed);

/// <summary>
/// Stores what bot integrations send: customer profiles and event batches. A batch is stored in
/// one transaction, all or nothing, and an event id the conversation has already accepted is
/// skipped, so a retried delivery is stored once.
/// </summary>
public sealed class ConversationIngestor(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The channel a conversation gets when the bot names none.</summary>
    public const string DefaultChannel = "web";

    /// <summary>Creates or updates the customer known as <paramref name="externalId"/>.</summary>
    public async Task<CustomerUpsertResult> UpsertCustomerAsync(string externalId, CustomerProfile profile, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // BEGIN IMMEDIATE: take the write lock up front, so concurrent upserts queue instead of racing.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.UtcNowDateTime();

        var conversation = await db.Conversations.Include(c => c.Customer)
            .SingleOrDefaultAsync(c => c.IntegrationId == integrationId && c.ExternalId == externalId, cancellationToken);
        var created = conversation is null;
        conversation ??= db.Conversations.Add(new Conversation(integrationId, externalId, batch.Channel ?? DefaultChannel, now)).Entity;

        if (batch.Customer is { } reference)
        {
            var (customer, _) = await FindOrCreateCustomerAsync(db, reference.ExternalId, now, cancellationToken);
            customer.Apply(reference.Profile, now);
            conversation.AttachCustomer(customer);
        }

        var ids = batch.Events.Select(e => e.Id).ToList();
        var known = created
            ? []
            : await db.InboundEvents.Where(e => e.ConversationId == conversation.Id && ids.Contains(e.EventId)).Select(e => e.EventId).ToHashSetAsync(cancellationToken);
        var accepted = batch.Events.Where(e => !known.Contains(e.Id)).ToList();

        // Apply in the order things happened, so status changes (a resolved conversation reopening) follow the timeline.
        foreach (var inbound in accepted.OrderBy(e => e.At))
        {
            Apply(conversation, inbound);
            conversation.RecordInboundEvent(inbound.Id, inbound.Type, inbound.At, now, inbound.RawJson);
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

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IngestionResult(conversation.Id, conversation.ExternalId, conversation.Status, created, accepted.Count, batch.Events.Count - accepted.Count, accepted);
    }

    private static void Apply(Conversation conversation, InboundEventData inbound)
    {
        switch (inbound)
        {
            case CustomerMessageEvent e:
                conversation.AddMessage(MessageAuthor.Customer, e.Text, e.At, e.Id);
                break;
            case BotMessageEvent e:
                conversation.AddMessage(MessageAuthor.Bot, e.Text, e.At, e.Id, e.Confidence);
                break;
            case BotAttemptedSolutionEvent e:
                conversation.RecordAttempt(AttemptSource.Bot, e.Description, e.Outcome, e.At, e.Id);
                break;
            case CustomerTriedEvent e:
                conversation.RecordAttempt(AttemptSource.Customer, e.Description, AttemptOutcome.Unknown, e.At, e.Id);
                break;
            case PageViewedEvent e:
                conversation.RecordPageView(e.Url, e.Title, e.At, e.Id);
                break;
            case HandoffRequestedEvent e:
                conversation.AddMessage(MessageAuthor.System, $"The bot asked for a human: {e.Reason}", e.At, e.Id);
                break;
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
