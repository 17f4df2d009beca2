using AgentConsole.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AgentConsole.Tests.Integration.Privacy;

/// <summary>
/// Reads a SQLite file generically: every column of every table, whatever the model says, so a
/// table added later is searched without changing the tests.
/// </summary>
internal static class StoreText
{
    /// <summary>The tables (with the column) in which some value contains <paramref name="text"/>, ignoring case.</summary>
    public static async Task<IReadOnlyList<string>> PlacesHoldingAsync(string connectionString, string text)
    {
        await using var connection = new SqliteConnection(connectionString);
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
    /// Whether the bytes of the SQLite file or its write-ahead log contain <paramref name="text"/> (as
    /// written or lower-cased) anywhere: in a row, in a page freed earlier, in the log. Checkpoints the
    /// log into the file first, waiting until no reader holds part of it back.
    /// </summary>
    public static async Task<bool> FileBytesHoldAsync(string connectionString, string text)
    {
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
        byte[][] needles = [System.Text.Encoding.UTF8.GetBytes(text), System.Text.Encoding.UTF8.GetBytes(text.ToLowerInvariant())];
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
    public static async Task<IReadOnlyDictionary<string, long>> CountsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in await TablesAsync(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT COUNT(*) FROM "{table}" """;
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
