using AgentConsole.Core.Routing;
using AgentConsole.Core.Staffing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class RosterHourConfiguration : IEntityTypeConfiguration<RosterHour>
{
    public void Configure(EntityTypeBuilder<RosterHour> builder)
    {
        builder.HasKey(r => new { r.TeamId, r.Version, r.HourOfWeek });
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_RosterHours_Cell", "\"HourOfWeek\" BETWEEN 0 AND 167 AND \"Agents\" BETWEEN 0 AND 1000"));
    }
}
