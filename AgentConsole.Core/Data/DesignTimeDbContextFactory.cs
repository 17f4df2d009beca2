using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AgentConsole.Core.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AgentConsoleDbContext>
{
    public AgentConsoleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AgentConsoleDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
