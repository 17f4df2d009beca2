using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Delivery;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Identity;
using AgentConsole.Core.Integrations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using AgentConsole.Core.Metrics.Facts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AgentConsole.Core.Data;

/// <summary>
/// The desk's store. Create one short-lived instance per operation through
/// <c>IDbContextFactory&lt;AgentConsoleDbContext&gt;</c>; it is not thread-safe.
/// </summary>
public sealed class AgentConsoleDbContext(DbContextOptions<AgentConsoleDbContext> options) : IdentityDbContext<ConsoleUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// ASP.NET Core's data-protection keys (they sign and encrypt the sign-in cookie, antiforgery
    /// tokens and Blazor's circuit state): in the store, so every app on it, or a restarted one,
    /// reads what another protected.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Customer> Customers => Set<Customer>();

    /// <summary>Who owns each company's accounts, by the company's normalised name.</summary>
    public DbSet<CompanyOwner> CompanyOwners => Set<CompanyOwner>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<AttemptedSolution> AttemptedSolutions => Set<AttemptedSolution>();
    public DbSet<PageContext> PageContexts => Set<PageContext>();
    public DbSet<InboundEvent> InboundEvents => Set<InboundEvent>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<FeedbackFlag> FeedbackFlags => Set<FeedbackFlag>();
    public DbSet<RepeatMention> RepeatMentions => Set<RepeatMention>();
    public DbSet<ContextOpening> ContextOpenings => Set<ContextOpening>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Integration> Integrations => Set<Integration>();
    public DbSet<TriggerStateRecord> TriggerStates => Set<TriggerStateRecord>();
    public DbSet<CategoryExampleRecord> CategoryExamples => Set<CategoryExampleRecord>();
    public DbSet<ChatSession> ChatSessions => Set<ChatSession>();
    public DbSet<ChatRating> ChatRatings => Set<ChatRating>();
    public DbSet<KnowledgeArticleRecord> KnowledgeArticles => Set<KnowledgeArticleRecord>();
    public DbSet<OutboundEvent> OutboundEvents => Set<OutboundEvent>();
    public DbSet<Privacy.ErasureRecord> Erasures => Set<Privacy.ErasureRecord>();

    /// <summary>One row per case with what the history dashboard reads, kept by the store's triggers.</summary>
    public DbSet<CaseFact> CaseFacts => Set<CaseFact>();

    /// <summary>One row per conversation with what the history dashboard reads, kept by the store's triggers.</summary>
    public DbSet<ConversationFact> ConversationFacts => Set<ConversationFact>();

    /// <summary>Each agent's first reply on each case, kept by the store's triggers.</summary>
    public DbSet<CaseReply> CaseReplies => Set<CaseReply>();

    /// <summary>How often the bot sent each text in each conversation, kept by the store's triggers.</summary>
    public DbSet<ConversationBotReply> ConversationBotReplies => Set<ConversationBotReply>();

    /// <summary>The conversations per local hour and filter dimensions, kept from the facts (<see cref="Metrics.Facts.FactRollups"/>).</summary>
    public DbSet<ConversationHour> ConversationHours => Set<ConversationHour>();

    /// <summary>The cases' counts per local day and filter dimensions, kept from the facts.</summary>
    public DbSet<CaseDay> CaseDays => Set<CaseDay>();

    /// <summary>The cases per local day, filter dimensions, reasons, page and products, kept from the facts.</summary>
    public DbSet<CaseDayTopic> CaseDayTopics => Set<CaseDayTopic>();

    /// <summary>The resolved, assigned cases per local day, filter dimensions, first agent and outcome, kept from the facts.</summary>
    public DbSet<CaseDayRouting> CaseDayRouting => Set<CaseDayRouting>();

    /// <summary>The sentiment escalations per local day, filter dimensions and the bot reply before them, kept from the facts.</summary>
    public DbSet<CaseDayReply> CaseDayReplies => Set<CaseDayReply>();

    /// <summary>The CSAT ratings per local hour their conversation started and filter dimensions, kept from the facts.</summary>
    public DbSet<RatingHour> RatingHours => Set<RatingHour>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<Schedules.OnCallRotation> OnCallRotations => Set<Schedules.OnCallRotation>();
    public DbSet<Schedules.TeamHours> TeamHours => Set<Schedules.TeamHours>();

    /// <summary>The teams' rosters: agents scheduled per hour of the week, draft and published.</summary>
    public DbSet<Staffing.RosterHour> RosterHours => Set<Staffing.RosterHour>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // The Identity tables (users, roles, claims, logins, tokens) first, then the desk's own.
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AgentConsoleDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps DateTime as text with no kind; every stored time is UTC, so say so on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();

        // Enums as names keep the store readable and survive reordering. Priority stays numeric
        // because the queue orders by it.
        configurationBuilder.Properties<CustomerTier>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<UsageTrend>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ConversationStage>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<MessageAuthor>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AttemptSource>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AttemptOutcome>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CaseStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CaseEventType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CaseEventReason>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<CaseFlag>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<ActorKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<IssueCategory>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ReasonCategory>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<SentimentTrend>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Skill>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<AgentTier>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Presence>().HaveConversion<string>().HaveMaxLength(16);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnly();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnly();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The case log, the inbound ledger, the settings history, the admins' audit log and the erasure records are history: refuse to rewrite it.
    // A database trigger backs this up for anything that bypasses the context; only an anonymisation's set-based
    // update may replace a ledger payload or a case-log note with the redaction marker (see Privacy/).
    private void GuardAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is CaseEvent or InboundEvent or Settings.SettingChange or Privacy.ErasureRecord or Audit.AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} rows are append-only.");
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
