using AgentConsole.Core.Identity;
using AgentConsole.Core.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class ConsoleUserConfiguration : IEntityTypeConfiguration<ConsoleUser>
{
    public void Configure(EntityTypeBuilder<ConsoleUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(FieldLimits.Name).IsRequired();
        // One login per agent record.
        builder.HasIndex(u => u.AgentId).IsUnique();
        builder.HasOne<Agent>().WithMany().HasForeignKey(u => u.AgentId).OnDelete(DeleteBehavior.Restrict);
    }
}
