using AgentConsole.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class StoredSettingConfiguration : IEntityTypeConfiguration<StoredSetting>
{
    public void Configure(EntityTypeBuilder<StoredSetting> builder)
    {
        builder.ToTable("Settings");
        builder.HasKey(s => s.Key);
        // Keys are written as the catalog spells them, so the column needs no case-insensitive collation.
        builder.Property(s => s.Key).HasMaxLength(StoredSetting.MaxKeyLength);
        builder.Property(s => s.Value).IsRequired();
        builder.Property(s => s.UpdatedBy).HasMaxLength(FieldLimits.Name).IsRequired();
    }
}

internal sealed class SettingChangeConfiguration : IEntityTypeConfiguration<SettingChange>
{
    public void Configure(EntityTypeBuilder<SettingChange> builder)
    {
        // An audit: the migration adds store triggers that refuse updates and deletes.
        builder.ToTable("SettingChanges");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.ChangedAt);
        builder.HasIndex(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(StoredSetting.MaxKeyLength).IsRequired();
        builder.Property(c => c.OldValue).IsRequired();
        builder.Property(c => c.NewValue).IsRequired();
        builder.Property(c => c.ChangedBy).HasMaxLength(FieldLimits.Name).IsRequired();
    }
}
