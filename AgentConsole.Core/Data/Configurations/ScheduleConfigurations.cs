using AgentConsole.Core.Routing;
using AgentConsole.Core.Schedules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class OnCallRotationConfiguration : IEntityTypeConfiguration<OnCallRotation>
{
    public void Configure(EntityTypeBuilder<OnCallRotation> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.Property(r => r.TimeZone).HasMaxLength(64).IsRequired();
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.PrimitiveCollection<List<Guid>>("_members").HasColumnName(nameof(OnCallRotation.Members));
        builder.Ignore(r => r.Members);
        builder.OwnsMany(r => r.Overrides, o => o.ToJson());
        builder.Navigation(r => r.Overrides).HasField("_overrides").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(r => r.Definition);
    }
}

internal sealed class TeamHoursConfiguration : IEntityTypeConfiguration<TeamHours>
{
    public void Configure(EntityTypeBuilder<TeamHours> builder)
    {
        builder.HasKey(h => h.TeamId);
        builder.HasOne<Team>().WithOne().HasForeignKey<TeamHours>(h => h.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(h => h.TimeZone).HasMaxLength(64).IsRequired();
        builder.OwnsMany(h => h.Spans, s => s.ToJson());
        builder.Navigation(h => h.Spans).HasField("_spans").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.PrimitiveCollection<List<DateOnly>>("_holidays").HasColumnName(nameof(TeamHours.Holidays));
        builder.Ignore(h => h.Holidays);
    }
}
