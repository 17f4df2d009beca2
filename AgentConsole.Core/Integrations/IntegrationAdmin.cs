using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Integrations;

/// <summary>A bot integration as the admin page lists it; the key itself is never kept, and the webhook secret is never listed.</summary>
public sealed record IntegrationSummary(Guid Id, string Name, string KeyHint, string? CallbackUrl, bool IsDemo, DateTime CreatedAt, DateTime? RevokedAt,
    bool HasWebhookSecret = false)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>
/// A new integration and its API key, which is shown this once and stored only as a hash, and,
/// when it was given a callback URL, the secret its webhooks are signed with (also shown this once).
/// </summary>
public sealed record CreatedIntegration(IntegrationSummary Integration, string ApiKey, string? WebhookSecret = null);

/// <summary>The integration after its callback URL changed, and the webhook secret that change made, if it made one (shown once).</summary>
public sealed record CallbackUrlSet(IntegrationSummary Integration, string? NewWebhookSecret);

/// <summary>The integration and its new webhook secret, shown once.</summary>
public sealed record WebhookSecretIssued(IntegrationSummary Integration, string WebhookSecret);

/// <summary>
/// The admin's operations on bot integrations: create one with a new key, revoke it, set its
/// callback URL. Each change drops the key cache, so a revoked key is refused from the next request.
/// </summary>
public sealed class IntegrationAdmin(IDbContextFactory<AgentConsoleDbContext> dbFactory, IntegrationKeyStore keys, TimeProvider time)
{
    /// <summary>Every integration, active ones first, newest first.</summary>
    public async Task<IReadOnlyList<IntegrationSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var integrations = await db.Integrations.AsNoTracking().ToListAsync(cancellationToken);
        return integrations.OrderBy(i => i.RevokedAt is not null).ThenByDescending(i => i.CreatedAt).Select(Summarize).ToList();
    }

    /// <summary>Creates an integration with a new random key as <paramref name="by"/> and returns the key, which cannot be read again.</summary>
    /// <exception cref="DomainException">The name is blank, too long or taken, or the URL is not an absolute http(s) URL.</exception>
    public async Task<CreatedIntegration> CreateAsync(string name, string? callbackUrl, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        name = (name ?? "").Trim();
        if (name.Length == 0) throw new DomainException("Give the integration a name.");
        if (name.Length > FieldLimits.Name) throw new DomainException($"The name may have at most {FieldLimits.Name} characters.");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var names = await db.Integrations.Select(i => i.Name).ToListAsync(cancellationToken);
        if (names.Contains(name, StringComparer.OrdinalIgnoreCase)) throw new DomainException($"An integration named '{name}' already exists.");

        var key = ApiKeys.Generate();
        var integration = new Integration(name, key, time.UtcNowDateTime(), NormalizeUrl(callbackUrl));
        db.Integrations.Add(integration);
        // Never the key or the secret: only that they were issued.
        AuditTrail.Record(db, by, AuditActions.IntegrationCreated, integration.Name, new { integrationId = integration.Id, callbackUrl = integration.CallbackUrl }, integration.CreatedAt);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        keys.Invalidate();
        return new CreatedIntegration(Summarize(integration), key, integration.WebhookSecret);
    }

    /// <summary>Revokes the integration's key; the bot's next request is refused.</summary>
    public async Task<IntegrationSummary> RevokeAsync(Guid id, AuditActor by, CancellationToken cancellationToken = default) =>
        await ChangeAsync(id, by, AuditActions.IntegrationKeyRevoked, i => i.Revoke(time.UtcNowDateTime()), cancellationToken);

    /// <summary>
    /// Sets or, with a blank <paramref name="callbackUrl"/>, clears the callback URL. The first URL
    /// makes the webhook secret, returned this once.
    /// </summary>
    /// <exception cref="DomainException">The URL is not an absolute http or https URL.</exception>
    public async Task<CallbackUrlSet> SetCallbackUrlAsync(Guid id, string? callbackUrl, AuditActor by, CancellationToken cancellationToken = default)
    {
        var url = NormalizeUrl(callbackUrl);
        string? secret = null;
        var summary = await ChangeAsync(id, by, AuditActions.IntegrationCallbackSet, i => secret = i.SetCallbackUrl(url), cancellationToken, new { integrationId = id, callbackUrl = url });
        return new CallbackUrlSet(summary, secret);
    }

    /// <summary>Replaces the webhook secret; the next webhook is signed with the new one, returned this once.</summary>
    /// <exception cref="DomainException">The integration has no callback URL.</exception>
    public async Task<WebhookSecretIssued> RotateWebhookSecretAsync(Guid id, AuditActor by, CancellationToken cancellationToken = default)
    {
        var secret = "";
        var summary = await ChangeAsync(id, by, AuditActions.IntegrationSecretRotated, i => secret = i.RotateWebhookSecret(), cancellationToken);
        return new WebhookSecretIssued(summary, secret);
    }

    private async Task<IntegrationSummary> ChangeAsync(Guid id, AuditActor by, string action, Action<Integration> change, CancellationToken cancellationToken, object? detail = null)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var integration = await db.Integrations.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new DomainException("That integration no longer exists.");
        change(integration);
        AuditTrail.Record(db, by, action, integration.Name, detail ?? new { integrationId = integration.Id }, time.UtcNowDateTime());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        keys.Invalidate();
        return Summarize(integration);
    }

    private static string? NormalizeUrl(string? url)
    {
        url = url?.Trim();
        if (string.IsNullOrEmpty(url)) return null;
        if (url.Length > FieldLimits.Url) throw new DomainException($"The callback URL may have at most {FieldLimits.Url} characters.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            throw new DomainException("The callback URL must be an absolute http or https URL, such as https://bot.example.com/handoff.");
        return url;
    }

    private static IntegrationSummary Summarize(Integration i) =>
        new(i.Id, i.Name, i.ApiKeyHint, i.CallbackUrl, i.IsDemo, i.CreatedAt, i.RevokedAt, i.WebhookSecret is not null);
}
