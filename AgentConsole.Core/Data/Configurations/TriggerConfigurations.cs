using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class TriggerStateRecordConfiguration : IEntityTypeConfiguration<TriggerStateRecord>
{
    public void Configure(EntityTypeBuilder<TriggerStateRecord> builder)
    {
        builder.ToTable("TriggerStates");
        builder.HasKey(s => s.ConversationId);
        builder.HasOne<Conversation>().WithOne().HasForeignKey<TriggerStateRecord>(s => s.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.StateJson).IsRequired();
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
