using AgentConsole.Core.Common;

namespace AgentConsole.Core.Integrations;

/// <summary>A bot that sends conversations in over the API, authenticated by its API key's hash.</summary>
public sealed class Integration
{
    private Integration() { }

    public Integration(string name, string apiKey, DateTime now, string? callbackUrl = null, bool isDemo = false, bool isBuiltIn = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = Guid.CreateVersion7();
        Name = name;
        IsDemo = isDemo;
        IsBuiltIn = isBuiltIn;
        CreatedAt = now.EnsureUtc(nameof(now));
        SetCallbackUrl(callbackUrl);
        SetKey(apiKey);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public byte[] ApiKeyHash { get; private set; } = [];
    public string ApiKeyHint { get; private set; } = "";
    public string? CallbackUrl { get; private set; }

    /// <summary>
    /// The key the desk signs this bot's webhooks with (HMAC-SHA256), made when the callback URL is
    /// first set and replaced by <see cref="RotateWebhookSecret"/>. The admin sees it once.
    /// </summary>
    /// <remarks>
    /// Trade-off: unlike the API key, which is only compared and so is kept as a hash, the desk must
    /// compute the HMAC itself, so it stores the secret as it is. Anyone who can read the database
    /// can forge this bot's webhooks (and can already read every conversation it would receive).
    /// Encrypting it with a key kept outside the database (data protection, a vault) would narrow
    /// that to whoever holds both; rotating it is the remedy after a leak.
    /// </remarks>
    public string? WebhookSecret { get; private set; }
    /// <summary>The demo bot's integration, which exists only while demo mode is on.</summary>
    public bool IsDemo { get; private set; }
    /// <summary>The chat widget's own channel: its conversations come from customers, and its bot runs inside the desk.</summary>
    public bool IsBuiltIn { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public bool IsActive => RevokedAt is null;

    /// <summary>Replaces the key. The old key stops working at once.</summary>
    public void SetKey(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        if (apiKey.Length < 16) throw new DomainException("An API key must be at least 16 characters long.");
        ApiKeyHash = ApiKeys.Hash(apiKey);
        ApiKeyHint = ApiKeys.Hint(apiKey);
    }

    /// <summary>
    /// Sets or, with null, clears where webhooks go. The first URL set makes the webhook secret,
    /// which is returned (and otherwise null): a new URL for the same bot keeps its secret.
    /// </summary>
    public string? SetCallbackUrl(string? url)
    {
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            throw new DomainException("The callback URL must be an absolute http or https URL.");
        CallbackUrl = url;
        return url is not null && WebhookSecret is null ? RotateWebhookSecret() : null;
    }

    /// <summary>Replaces the webhook secret and returns the new one; webhooks are signed with it from the next attempt.</summary>
    /// <exception cref="DomainException">The integration has no callback URL.</exception>
    public string RotateWebhookSecret()
    {
        if (CallbackUrl is null) throw new DomainException("Set a callback URL first: the secret signs the webhooks sent to it.");
        WebhookSecret = ApiKeys.GenerateWebhookSecret();
        return WebhookSecret;
    }

    public void Revoke(DateTime now) => RevokedAt ??= now.EnsureUtc(nameof(now));

    public void Restore() => RevokedAt = null;
}
