using AgentConsole.Core.Metrics.Facts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

// The fact tables are created and kept by FactsSql (clustered by time, filled by triggers), so the
// model only reads them and leaves them out of the generated migration.
internal sealed class CaseFactConfiguration : IEntityTypeConfiguration<CaseFact>
{
    public void Configure(EntityTypeBuilder<CaseFact> builder)
    {
        builder.ToTable("CaseFacts", t => t.ExcludeFromMigrations());
        builder.HasKey(f => f.CaseId);
        builder.Property(f => f.CaseId).ValueGeneratedNever();
    }
}

internal sealed class ConversationFactConfiguration : IEntityTypeConfiguration<ConversationFact>
{
    public void Configure(EntityTypeBuilder<ConversationFact> builder)
    {
        builder.ToTable("ConversationFacts", t => t.ExcludeFromMigrations());
        builder.HasKey(f => f.ConversationId);
    }
}

internal sealed class CaseReplyConfiguration : IEntityTypeConfiguration<CaseReply>
{
    public void Configure(EntityTypeBuilder<CaseReply> builder)
    {
        builder.ToTable("CaseReplies", t => t.ExcludeFromMigrations());
        builder.HasKey(f => new { f.CaseId, f.AgentId });
    }
}

internal sealed class ConversationBotReplyConfiguration : IEntityTypeConfiguration<ConversationBotReply>
{
    public void Configure(EntityTypeBuilder<ConversationBotReply> builder)
    {
        builder.ToTable("ConversationBotReplies", t => t.ExcludeFromMigrations());
        builder.HasKey(f => new { f.CreatedAt, f.ConversationId, f.Text });
    }
}

// The day rollups are created and kept by RollupSql: read-only here, keyless, and left out of the migration.
internal sealed class ConversationHourConfiguration : IEntityTypeConfiguration<ConversationHour>
{
    public void Configure(EntityTypeBuilder<ConversationHour> builder) => builder.ToTable("ConversationHours", t => t.ExcludeFromMigrations()).HasNoKey();
}

internal sealed class CaseDayConfiguration : IEntityTypeConfiguration<CaseDay>
{
    public void Configure(EntityTypeBuilder<CaseDay> builder) => builder.ToTable("CaseDays", t => t.ExcludeFromMigrations()).HasNoKey();
}

internal sealed class CaseDayTopicConfiguration : IEntityTypeConfiguration<CaseDayTopic>
{
    public void Configure(EntityTypeBuilder<CaseDayTopic> builder) => builder.ToTable("CaseDayTopics", t => t.ExcludeFromMigrations()).HasNoKey();
}

internal sealed class CaseDayRoutingConfiguration : IEntityTypeConfiguration<CaseDayRouting>
{
    public void Configure(EntityTypeBuilder<CaseDayRouting> builder) => builder.ToTable("CaseDayRouting", t => t.ExcludeFromMigrations()).HasNoKey();
}

internal sealed class CaseDayReplyConfiguration : IEntityTypeConfiguration<CaseDayReply>
{
    public void Configure(EntityTypeBuilder<CaseDayReply> builder) => builder.ToTable("CaseDayReplies", t => t.ExcludeFromMigrations()).HasNoKey();
}

internal sealed class RatingHourConfiguration : IEntityTypeConfiguration<RatingHour>
{
    public void Configure(EntityTypeBuilder<RatingHour> builder) => builder.ToTable("RatingHours", t => t.ExcludeFromMigrations()).HasNoKey();
}
