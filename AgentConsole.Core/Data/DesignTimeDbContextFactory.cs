using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AgentConsole.Core.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the host: on SQLite, or on
/// PostgreSQL when the tool is given <c>-- --provider Postgres</c> (tools/regenerate-migration.sh).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AgentConsoleDbContext>
{
    public AgentConsoleDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AgentConsoleDbContext>();
        var provider = args.SkipWhile(a => a != "--provider").Skip(1).FirstOrDefault() ?? DatabaseOptions.SqliteProvider;
        if (DatabaseOptions.IsPostgres(provider)) StoreConfiguration.UsePostgres(options, "Host=127.0.0.1;Database=design_time");
        else options.UseSqlite("Data Source=design-time.db");
        return new AgentConsoleDbContext(options.Options);
    }
}
