using AgentConsole.Core.Integrations;
using AgentConsole.Core.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => a.Email).IsUnique();
        builder.HasIndex(a => a.TeamId);
        builder.Property(a => a.DisplayName).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.Property(a => a.Email).HasMaxLength(FieldLimits.Email).IsRequired();
        builder.HasOne<Team>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(a => a.Skills, s => s.ToJson());
        builder.Navigation(a => a.Skills).HasField("_skills").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(a => a.IsUnavailable);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(FieldLimits.Name).IsRequired();
    }
}

internal sealed class IntegrationConfiguration : IEntityTypeConfiguration<Integration>
{
    public void Configure(EntityTypeBuilder<Integration> builder)
    {
        builder.HasKey(i => i.Id);
        builder.HasIndex(i => i.ApiKeyHash).IsUnique();
        builder.Property(i => i.Name).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.Property(i => i.ApiKeyHash).HasMaxLength(32).IsRequired();
        builder.Property(i => i.ApiKeyHint).HasMaxLength(16).IsRequired();
        builder.Property(i => i.CallbackUrl).HasMaxLength(FieldLimits.Url);
        builder.Property(i => i.WebhookSecret).HasMaxLength(64);
        builder.Ignore(i => i.IsActive);
    }
}
