using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class TriggerStateRecordConfiguration : IEntityTypeConfiguration<TriggerStateRecord>
{
    public void Configure(EntityTypeBuilder<TriggerStateRecord> builder)
    {
        // Kept in the conversation's own row (table splitting): every batch reads the two together and
        // writes them back with one statement. A conversation the triggers never read has no state.
        builder.ToTable("Conversations");
        builder.HasKey(s => s.ConversationId);
        builder.Property(s => s.ConversationId).HasColumnName(nameof(Conversation.Id));
        builder.HasOne<Conversation>().WithOne().HasForeignKey<TriggerStateRecord>(s => s.ConversationId);
        builder.Property(s => s.StateJson).HasColumnName("TriggerStateJson").IsRequired();
        builder.Property(s => s.Category).HasColumnName("TriggerStateCategory");
        builder.Property(s => s.UpdatedAt).HasColumnName("TriggerStateUpdatedAt");
    }
}

internal sealed class CategoryExampleRecordConfiguration : IEntityTypeConfiguration<CategoryExampleRecord>
{
    public void Configure(EntityTypeBuilder<CategoryExampleRecord> builder)
    {
        builder.ToTable("CategoryExamples");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.Category);
        builder.Property(e => e.Text).HasMaxLength(1000).IsRequired();
    }
}
