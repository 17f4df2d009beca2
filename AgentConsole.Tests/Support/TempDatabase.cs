using AgentConsole.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Tests.Support;

/// <summary>A SQLite file of its own for one test, deleted afterwards with its WAL files.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "agentconsole-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "agentconsole.db");
    }

    public string Directory { get; }
    public string FilePath { get; }
    public string ConnectionString => $"Data Source={FilePath}";

    /// <summary>A context factory for this file, configured as the app configures its store (with a write gate of its own).</summary>
    public PooledDbContextFactory<AgentConsoleDbContext> CreateFactory()
    {
        var options = new DbContextOptionsBuilder<AgentConsoleDbContext>();
        StoreConfiguration.Configure(options, DatabaseOptions.SqliteProvider, ConnectionString, Directory);
        return new PooledDbContextFactory<AgentConsoleDbContext>(options.Options);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a pooled handle may linger on some platforms; the temp folder is disposable anyway */ }
    }
}
