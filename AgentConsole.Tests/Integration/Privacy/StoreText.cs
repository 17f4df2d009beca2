using AgentConsole.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AgentConsole.Tests.Integration.Privacy;

/// <summary>
/// Reads a store generically: every column of every table, whatever the model says, so a table
/// added later is searched without changing the tests. On SQLite it reads the file's bytes too; on
/// PostgreSQL, every row version the tables' pages still hold.
/// </summary>
internal static class StoreText
{
    /// <summary>The tables (with the column) in which some value contains <paramref name="text"/>, ignoring case.</summary>
    public static async Task<IReadOnlyList<string>> PlacesHoldingAsync(TempDatabase database, string text)
    {
        if (database.Provider != AgentConsole.Core.Data.DatabaseOptions.SqliteProvider) return await PostgresPlacesHoldingAsync(database.ConnectionString, text);
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        var places = new List<string>();
        foreach (var table in await TablesAsync(connection))
        {
            foreach (var column in await ColumnsAsync(connection, table))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"""SELECT COUNT(*) FROM "{table}" WHERE instr(lower(CAST("{column}" AS TEXT)), lower($text)) > 0""";
                command.Parameters.AddWithValue("$text", text);
                if ((long)(await command.ExecuteScalarAsync())! > 0) places.Add($"{table}.{column}");
            }
        }
        return places;
    }

    /// <summary>
    /// Whether the store's bytes hold <paramref name="text"/> (as written or lower-cased). On SQLite: anywhere in
    /// the file or its write-ahead log, in a row, in a page freed earlier, in the log; the log is checkpointed into
    /// the file first, waiting until no reader holds part of it back. On PostgreSQL: in any row version, live or
    /// dead, that a page of a table or of its TOAST table still holds (read with <c>pageinspect</c>).
    /// </summary>
    public static async Task<bool> StoredBytesHoldAsync(TempDatabase database, string text)
    {
        byte[][] needles = [System.Text.Encoding.UTF8.GetBytes(text), System.Text.Encoding.UTF8.GetBytes(text.ToLowerInvariant())];
        if (database.Provider != AgentConsole.Core.Data.DatabaseOptions.SqliteProvider) return await PostgresRowVersionsHoldAsync(database.ConnectionString, needles);
        var connectionString = database.ConnectionString;
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await Eventually.HoldsAsync(async () =>
            {
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await using var reader = await checkpoint.ExecuteReaderAsync();
                return await reader.ReadAsync() && reader.GetInt64(0) == 0;
            }, TimeSpan.FromSeconds(20), "a full checkpoint of the write-ahead log");
        }
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
        {
            byte[] bytes;
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes);
            }
            if (needles.Any(n => bytes.AsSpan().IndexOf(n) >= 0)) return true;
        }
        return false;
    }

    /// <summary>Every table in the file, SQLite's own and EF's history included.</summary>
    public static async Task<IReadOnlyList<string>> TablesAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }

    /// <summary>The columns of <paramref name="table"/>, from <c>pragma table_info</c>.</summary>
    public static async Task<IReadOnlyList<string>> ColumnsAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT name FROM pragma_table_info('{table}')""";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        return columns;
    }

    /// <summary>The row count of every table, by name.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountsAsync(TempDatabase database)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (database.Provider != AgentConsole.Core.Data.DatabaseOptions.SqliteProvider)
        {
            await using var server = new NpgsqlConnection(database.ConnectionString);
            await server.OpenAsync();
            foreach (var table in await PostgresTablesAsync(server))
                counts[table] = (long)(await new NpgsqlCommand($"""SELECT COUNT(*) FROM "{table}" """, server).ExecuteScalarAsync())!;
            return counts;
        }
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in await TablesAsync(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT COUNT(*) FROM "{table}" """;
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }
        return counts;
    }

    private static async Task<IReadOnlyList<string>> PostgresPlacesHoldingAsync(string connectionString, string text)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var list = new NpgsqlCommand("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        var places = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var command = new NpgsqlCommand($"""SELECT COUNT(*) FROM "{table}" WHERE strpos(lower(CAST("{column}" AS text)), lower(@text)) > 0""", connection);
            command.Parameters.AddWithValue("text", text);
            if ((long)(await command.ExecuteScalarAsync())! > 0) places.Add($"{table}.{column}");
        }
        return places;
    }

    private static async Task<IReadOnlyList<string>> PostgresTablesAsync(NpgsqlConnection connection)
    {
        var tables = new List<string>();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }

    private static async Task<bool> PostgresRowVersionsHoldAsync(string connectionString, byte[][] needles)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pageinspect", connection).ExecuteNonQueryAsync();
        // Every page of every table of the store and of the TOAST table that keeps its long values.
        await using var command = new NpgsqlCommand("""
            SELECT EXISTS (
                SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                CROSS JOIN LATERAL generate_series(0, (pg_relation_size(c.oid) / current_setting('block_size')::int)::int - 1) AS b
                CROSS JOIN LATERAL heap_page_items(get_raw_page(c.oid::regclass::text, b)) i
                WHERE (n.nspname = 'public' AND c.relkind = 'r'
                       OR c.oid IN (SELECT t.reltoastrelid FROM pg_class t JOIN pg_namespace s ON s.oid = t.relnamespace WHERE s.nspname = 'public'))
                  AND i.t_data IS NOT NULL AND (position(@a IN i.t_data) > 0 OR position(@b IN i.t_data) > 0))
            """, connection);
        command.Parameters.AddWithValue("a", needles[0]);
        command.Parameters.AddWithValue("b", needles[1]);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
