using AgentConsole.Core.Cases;
using AgentConsole.Core.Handoff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class ContextOpeningConfiguration : IEntityTypeConfiguration<ContextOpening>
{
    public void Configure(EntityTypeBuilder<ContextOpening> builder)
    {
        builder.HasKey(o => o.Id);
        // Once per case, agent and element; the context-use figures also look openings up by this prefix.
        builder.HasIndex(o => new { o.CaseId, o.AgentId, o.ElementKey }).IsUnique();
        builder.HasOne<Case>().WithMany().HasForeignKey(o => o.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.AgentId).HasMaxLength(64).IsRequired();
        builder.Property(o => o.ElementKey).HasMaxLength(ContextElements.MaxKeyLength).IsRequired();
    }
}
