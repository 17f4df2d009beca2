using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Privacy;

/// <summary>
/// Erases a customer: their profile's personal fields and the words of every conversation they had
/// (see <see cref="ConversationAnonymiser"/>), in one transaction, with an <see cref="ErasureRecord"/>.
/// Their tier, contract value, tenure and health signals stay, as do every count, time, category,
/// reason and score, so the metrics stay true.
/// </summary>
/// <remarks>
/// A customer with an open case is refused (<see cref="CustomerHasOpenCaseException"/>): the agent
/// working it still needs their words. Resolve the case first. The profile's external id is replaced
/// by one no integration can send (<see cref="ErasedExternalIdPrefix"/>), so a second erasure finds
/// nobody, and the same external id sent again later starts a new, empty profile.
/// </remarks>
public sealed class CustomerErasure(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time, CategoryExampleStore? examples = null)
{
    /// <summary>What an erased profile's external id starts with; it is not a valid external id, so no integration can address it.</summary>
    public const string ErasedExternalIdPrefix = "~erased-";

    // The profile's erasure; an empty product list as each provider keeps it: JSON text on SQLite, an array on PostgreSQL.
    private const string EraseSqliteProfile = """
        UPDATE "Customers" SET "ExternalId" = {0}, "Name" = {1}, "Email" = NULL, "Company" = NULL, "Plan" = NULL, "Products" = '[]', "UpdatedAt" = {2} WHERE "Id" = {3}
        """;
    private const string ErasePostgresProfile = """
        UPDATE "Customers" SET "ExternalId" = {0}, "Name" = {1}, "Email" = NULL, "Company" = NULL, "Plan" = NULL, "Products" = '{{}}', "UpdatedAt" = {2} WHERE "Id" = {3}
        """;

    /// <summary>
    /// Erases the customer the integrations know as <paramref name="externalId"/>, on behalf of
    /// <paramref name="erasedBy"/>; an <paramref name="admin"/> who erased them in the console also gets an
    /// entry in the audit log, in the same transaction. Returns null when there is no such customer (or they were already erased).
    /// </summary>
    /// <exception cref="CustomerHasOpenCaseException">One of the customer's cases is still open.</exception>
    public async Task<ErasureRecord?> EraseAsync(string externalId, string erasedBy, CancellationToken cancellationToken = default, Audit.AuditActor? admin = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        ArgumentException.ThrowIfNullOrWhiteSpace(erasedBy);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        ErasureRecord? record;
        AnonymisedRows? anonymised;
        await SecureErase.BeginAsync(db, cancellationToken);
        try
        {
            (record, anonymised) = await EraseInTransactionAsync(db, externalId, erasedBy, admin, cancellationToken);
        }
        finally
        {
            await SecureErase.EndAsync(db, CancellationToken.None);
        }
        if (anonymised is { ExamplesRemoved: true } && examples is not null) await examples.ReloadAsync(cancellationToken);
        return record;
    }

    private async Task<(ErasureRecord?, AnonymisedRows?)> EraseInTransactionAsync(AgentConsoleDbContext db, string externalId, string erasedBy,
        Audit.AuditActor? admin, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var customerId = await db.Customers.Where(c => c.ExternalId == externalId).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (customerId is not { } id) return (null, null);
        var conversationIds = await db.Conversations.Where(c => c.CustomerId == id).Select(c => c.Id).ToListAsync(cancellationToken);
        var open = await db.Cases.Where(c => conversationIds.Contains(c.ConversationId) && c.Status != CaseStatus.Resolved)
            .Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (open is { } openCase) throw new CustomerHasOpenCaseException(openCase);

        var now = time.GetUtcNow().UtcDateTime;
        // The profile first: the anonymisation then redoes the history's fact rows, which copy the customer's products.
        var erasedId = ErasedExternalIdPrefix + id.ToString("N");
        var profile = await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? ErasePostgresProfile : EraseSqliteProfile,
            [erasedId, Redaction.Marker, now, id], cancellationToken);
        var anonymised = await ConversationAnonymiser.AnonymiseAsync(db, conversationIds, now, cancellationToken);
        var record = new ErasureRecord(ErasureKind.Customer, erasedBy, $"customer:{id}", conversationIds.Count, anonymised.Rows + profile, now);
        db.Erasures.Add(record);
        if (admin is not null)
            Audit.AuditTrail.Record(db, admin, Audit.AuditActions.CustomerErased, record.Subject ?? $"customer:{id}", new { conversations = conversationIds.Count, rows = record.Rows }, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (record, anonymised);
    }
}

/// <summary>A customer cannot be erased while one of their cases is open; the HTTP layer answers 409.</summary>
public sealed class CustomerHasOpenCaseException(long caseId)
    : DomainException($"The customer's case {caseId} is still open: resolve it before erasing the customer.")
{
    /// <summary>The open case.</summary>
    public long CaseId { get; } = caseId;
}
