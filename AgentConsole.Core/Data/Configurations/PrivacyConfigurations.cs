using AgentConsole.Core.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class ErasureRecordConfiguration : IEntityTypeConfiguration<ErasureRecord>
{
    public void Configure(EntityTypeBuilder<ErasureRecord> builder)
    {
        builder.ToTable("Erasures");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.At);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ErasedBy).HasMaxLength(128).IsRequired();
        builder.Property(e => e.Subject).HasMaxLength(64);
    }
}
