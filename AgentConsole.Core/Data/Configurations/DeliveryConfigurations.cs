using AgentConsole.Core.Conversations;
using AgentConsole.Core.Delivery;
using AgentConsole.Core.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class OutboundEventConfiguration : IEntityTypeConfiguration<OutboundEvent>
{
    public void Configure(EntityTypeBuilder<OutboundEvent> builder)
    {
        builder.ToTable("OutboundEvents");
        // AUTOINCREMENT: an id is never reused, even after rows are deleted, so a bot's cursor never skips a new row.
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.HasIndex(e => e.DeliveryId).IsUnique();
        // The pull API reads a conversation's rows after a cursor.
        builder.HasIndex(e => new { e.ConversationId, e.Id });
        // The dispatcher reads only what is pending, and takes each conversation's oldest pending row first: a small partial index.
        builder.HasIndex(e => new { e.ConversationId, e.Id }, "IX_OutboundEvents_Pending").HasFilter("\"NextAttemptAt\" IS NOT NULL");
        // The admin page lists parked deliveries.
        builder.HasIndex(e => new { e.IntegrationId, e.ParkedAt }, "IX_OutboundEvents_Parked").HasFilter("\"ParkedAt\" IS NOT NULL");
        builder.Property(e => e.ConversationExternalId).HasMaxLength(FieldLimits.ExternalId).IsRequired();
        builder.Property(e => e.Type).HasMaxLength(40).IsRequired();
        builder.Property(e => e.Payload).IsRequired();
        builder.Property(e => e.LastError).HasMaxLength(OutboundEvent.MaxErrorLength);
        builder.Ignore(e => e.IsPending);
        builder.HasOne<Integration>().WithMany().HasForeignKey(e => e.IntegrationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(e => e.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
