namespace AgentConsole.Core.Audit;

/// <summary>Who did an admin action: the login's id and the name shown for it (its email, else its display name).</summary>
public sealed record AuditActor
{
    public AuditActor(string userId, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        UserId = userId;
        Name = name;
    }

    /// <summary>The login's id.</summary>
    public string UserId { get; }

    /// <summary>The name recorded beside the id, so the entry still reads after the login is gone.</summary>
    public string Name { get; }
}
