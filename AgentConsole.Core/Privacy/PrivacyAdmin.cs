using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Privacy;

/// <summary>A customer as the admin's privacy page lists them, before deciding to erase.</summary>
public sealed record CustomerSummary(string ExternalId, string Name, string? Email, CustomerTier Tier, int Conversations, int OpenCases);

/// <summary>The admin's privacy operations: find a customer, erase them, and read the erasure records.</summary>
public sealed class PrivacyAdmin(IDbContextFactory<AgentConsoleDbContext> dbFactory, CustomerErasure erasure)
{
    /// <summary>The most customers one search lists.</summary>
    public const int MaxResults = 20;

    /// <summary>Customers whose external id, name or email contains <paramref name="term"/> (erased ones never match).</summary>
    public async Task<IReadOnlyList<CustomerSummary>> SearchAsync(string term, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(term)) return [];
        var like = ContainsPattern.Of(term);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Customers.AsNoTracking()
            .Where(c => !c.ExternalId.StartsWith(CustomerErasure.ErasedExternalIdPrefix))
            .Where(c => EF.Functions.Like(c.ExternalId.ToLower(), like, ContainsPattern.Escape) || EF.Functions.Like(c.Name.ToLower(), like, ContainsPattern.Escape)
                || c.Email != null && EF.Functions.Like(c.Email.ToLower(), like, ContainsPattern.Escape))
            .OrderBy(c => c.ExternalId).Take(MaxResults)
            .Select(c => new CustomerSummary(c.ExternalId, c.Name, c.Email, c.Tier,
                db.Conversations.Count(v => v.CustomerId == c.Id),
                db.Cases.Count(k => k.Status != CaseStatus.Resolved && db.Conversations.Any(v => v.Id == k.ConversationId && v.CustomerId == c.Id))))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Erases the customer <paramref name="externalId"/> on behalf of the admin <paramref name="admin"/>; null when unknown.</summary>
    /// <exception cref="CustomerHasOpenCaseException">One of the customer's cases is still open.</exception>
    public Task<ErasureRecord?> EraseAsync(string externalId, Audit.AuditActor admin, CancellationToken cancellationToken = default) =>
        erasure.EraseAsync(externalId, $"user:{admin?.Name}", cancellationToken, admin ?? throw new ArgumentNullException(nameof(admin)));

    /// <summary>The latest erasure records, newest first.</summary>
    public async Task<IReadOnlyList<ErasureRecord>> RecentErasuresAsync(int count = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Erasures.AsNoTracking().OrderByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken);
    }
}
