using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Data;

/// <summary>Chooses and configures the store's provider.</summary>
public static class StoreConfiguration
{
    /// <summary>
    /// Points <paramref name="options"/> at the store that <paramref name="provider"/> names. A
    /// relative SQLite file path is taken relative to <paramref name="baseDirectory"/>. A SQLite
    /// store's writers queue on <paramref name="writeGate"/>: pass the one gate of the store (the
    /// host's singleton); without one, these options get a gate of their own.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string provider, string connectionString, string baseDirectory,
        SqliteWriteGate? writeGate = null)
    {
        if (DatabaseOptions.IsPostgres(provider)) return UsePostgres(options, connectionString);
        if (!string.Equals(provider, DatabaseOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase))
            throw new NotSupportedException($"Database provider '{provider}' is not supported. Supported: {DatabaseOptions.SqliteProvider}, {DatabaseOptions.PostgresProvider}.");
        options.UseSqlite(SqliteFiles.Resolve(connectionString, baseDirectory)).AddInterceptors(SqliteSecureDelete.Instance);
        return SqliteWriteGate.Use(options, writeGate ?? new SqliteWriteGate());
    }

    /// <summary>The assembly that holds the PostgreSQL migrations (SQLite's are in this one).</summary>
    public const string PostgresMigrationsAssembly = "AgentConsole.Data.Postgres";

    /// <summary>
    /// Points <paramref name="options"/> at a PostgreSQL database. Writers need no gate there: the
    /// server's transactions and unique indexes keep them apart.
    /// </summary>
    public static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
    }
}

/// <summary>Helpers for the SQLite file behind the store.</summary>
public static class SqliteFiles
{
    /// <summary>
    /// Makes a relative <c>Data Source</c> absolute against <paramref name="baseDirectory"/> and
    /// creates its folder, so the app finds the same file whatever its working directory.
    /// </summary>
    public static string Resolve(string connectionString, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (string.IsNullOrWhiteSpace(source)) throw new InvalidOperationException("The SQLite connection string has no Data Source.");
        if (source == ":memory:" || builder.Mode == SqliteOpenMode.Memory) return builder.ToString();

        if (!Path.IsPathRooted(source)) source = Path.GetFullPath(Path.Combine(baseDirectory, source));
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        builder.DataSource = source;
        return builder.ToString();
    }
}
