namespace AgentConsole.Core.Audit;

/// <summary>The names of the actions in the audit log, as <c>subject.verb</c>.</summary>
public static class AuditActions
{
    public const string SettingChanged = "setting.changed";
    public const string SettingReset = "setting.reset";
    public const string SuggestionAccepted = "suggestion.accepted";
    public const string SuggestionRejected = "suggestion.rejected";
    public const string ExampleAdded = "example.added";
    public const string ExampleEdited = "example.edited";
    public const string ExampleRemoved = "example.removed";
    public const string ArticleCreated = "article.created";
    public const string ArticleEdited = "article.edited";
    public const string ArticleDeleted = "article.deleted";
    public const string IntegrationCreated = "integration.created";
    public const string IntegrationKeyRevoked = "integration.key_revoked";
    public const string IntegrationCallbackSet = "integration.callback_set";
    public const string IntegrationSecretRotated = "integration.secret_rotated";
    public const string DeliveryRetried = "delivery.retried";
    public const string UserCreated = "user.created";
    public const string UserRoleChanged = "user.role_changed";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";
    public const string LearningApproved = "learning.approved";
    public const string LearningRejected = "learning.rejected";
    public const string CustomerErased = "customer.erased";
    public const string CustomerOwnerChanged = "customer.owner_changed";
    public const string CompanyOwnerChanged = "company.owner_changed";
    public const string RotationSaved = "rotation.saved";
    public const string RotationDeleted = "rotation.deleted";
    public const string TeamHoursSaved = "team_hours.saved";
    public const string TeamHoursCleared = "team_hours.cleared";
    public const string RosterDraftSaved = "roster.draft_saved";
    public const string RosterPublished = "roster.published";

    /// <summary>Every action, for the audit page's filter.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SettingChanged, SettingReset, SuggestionAccepted, SuggestionRejected, ExampleAdded, ExampleEdited, ExampleRemoved,
        ArticleCreated, ArticleEdited, ArticleDeleted, IntegrationCreated, IntegrationKeyRevoked, IntegrationCallbackSet,
        IntegrationSecretRotated, DeliveryRetried, UserCreated, UserRoleChanged, UserLocked, UserUnlocked, LearningApproved, LearningRejected,
        CustomerErased, CustomerOwnerChanged, CompanyOwnerChanged, RotationSaved, RotationDeleted, TeamHoursSaved, TeamHoursCleared, RosterDraftSaved, RosterPublished,
    ];
}
