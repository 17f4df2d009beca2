using AgentConsole.Core.Cases;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Learning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class LearningDecisionConfiguration : IEntityTypeConfiguration<LearningDecision>
{
    public void Configure(EntityTypeBuilder<LearningDecision> builder)
    {
        builder.ToTable("LearningDecisions");
        builder.HasKey(d => d.Id);
        // Each case's verdict is decided once: a second decision fails in the store as well.
        builder.HasIndex(d => new { d.CaseId, d.Source }).IsUnique();
        builder.HasIndex(d => d.DecidedAt);
        builder.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CategoryExampleRecord>().WithMany().HasForeignKey(d => d.ExampleId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(d => d.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Text).HasMaxLength(LearningDecision.MaxTextLength);
        builder.Property(d => d.DecidedBy).HasMaxLength(256).IsRequired();
    }
}
