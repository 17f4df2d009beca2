using AgentConsole.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // The admins' audit log: the migration adds store triggers that refuse updates and deletes.
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.Action, e.At });
        builder.HasIndex(e => new { e.ActorName, e.At });
        builder.Property(e => e.ActorId).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.Property(e => e.ActorName).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.Property(e => e.Action).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Target).HasMaxLength(FieldLimits.Title).IsRequired();
    }
}
