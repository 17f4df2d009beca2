using AgentConsole.Core.Settings;
using AgentConsole.Core.Triggers.Tuning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class TuningSuggestionConfiguration : IEntityTypeConfiguration<TuningSuggestion>
{
    public void Configure(EntityTypeBuilder<TuningSuggestion> builder)
    {
        builder.ToTable("TuningSuggestions");
        builder.HasKey(s => s.Id);
        // The page lists the open ones, and the decided ones newest first.
        builder.HasIndex(s => new { s.Status, s.ProposedAt });
        builder.Property(s => s.SettingKey).HasMaxLength(StoredSetting.MaxKeyLength).IsRequired();
        builder.Property(s => s.CurrentValue).IsRequired();
        builder.Property(s => s.ProposedValue).IsRequired();
        builder.Property(s => s.Phrase).HasMaxLength(SettingValues.MaxItemLength);
        builder.Property(s => s.Summary).HasMaxLength(TuningSuggestion.MaxTextLength).IsRequired();
        builder.Property(s => s.Evidence).HasMaxLength(TuningSuggestion.MaxTextLength).IsRequired();
        builder.Property(s => s.DecidedBy).HasMaxLength(FieldLimits.Name);
        builder.PrimitiveCollection<List<long>>("_exampleCaseIds").HasColumnName(nameof(TuningSuggestion.ExampleCaseIds));
        builder.Ignore(s => s.ExampleCaseIds);
        builder.HasOne(s => s.SettingChange).WithMany().HasForeignKey(s => s.SettingChangeId).OnDelete(DeleteBehavior.Restrict);
    }
}
