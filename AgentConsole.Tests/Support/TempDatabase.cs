using Microsoft.Data.Sqlite;

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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a pooled handle may linger on some platforms; the temp folder is disposable anyway */ }
    }
}
