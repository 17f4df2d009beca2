using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using AgentConsole.Core.Data;
using AgentConsole.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AgentConsole.Tests.Fuzz;

/// <summary>
/// A SHA-256 over every row of every table in the app's store, tables by name and rows in key
/// order, with each value's type: two equal checksums mean the store holds the same data. Nothing
/// is left out, so a refused request that stored anything, anywhere, shows. On SQLite,
/// <c>data_version</c>, which moves whenever another connection commits, spares recomputing the
/// checksum of a store nobody wrote to since.
/// </summary>
public sealed class StoreChecksum(TempDatabase database) : IDisposable
{
    private readonly bool _sqlite = database.Provider == DatabaseOptions.SqliteProvider;
    private DbConnection? _connection;
    private IReadOnlyList<(string Table, string Select)>? _tables;
    private (long Version, string Checksum)? _last;

    /// <summary>The checksum of the store as it is now, read in one transaction.</summary>
    public string Compute()
    {
        var connection = Open();
        using var transaction = _sqlite ? ((SqliteConnection)connection).BeginTransaction(deferred: true)
            : connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        var version = _sqlite ? DataVersion(connection, transaction) : (long?)null;
        if (_last is { } last && last.Version == version) return last.Checksum;
        // The app's migrations are applied at start-up; tables are listed once.
        _tables ??= ListTables(connection);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (table, select) in _tables)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(table));
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = select;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++) Append(hash, reader, i);
                hash.AppendData([0x1E]);
            }
        }
        var checksum = Convert.ToHexString(hash.GetHashAndReset());
        if (version is { } v) _last = (v, checksum);
        return checksum;
    }

    private static long DataVersion(DbConnection connection, DbTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA data_version";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private DbConnection Open()
    {
        if (_connection is not null) return _connection;
        _connection = _sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.FilePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString())
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        _connection.Open();
        return _connection;
    }

    private List<(string, string)> ListTables(DbConnection connection)
    {
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = _sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name";
            using var reader = command.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        return tables.Select(table =>
        {
            // Every column in order makes the row order total, whatever the table's key.
            using var command = connection.CreateCommand();
            command.CommandText = _sqlite
                ? $"SELECT count(*) FROM pragma_table_info('{table.Replace("'", "''")}')"
                : $"SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table.Replace("'", "''")}'";
            var columns = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            var quoted = $"\"{table.Replace("\"", "\"\"")}\"";
            return (table, $"SELECT * FROM {quoted} ORDER BY {string.Join(", ", Enumerable.Range(1, columns))}");
        }).ToList();
    }

    private static void Append(IncrementalHash hash, DbDataReader reader, int i)
    {
        if (reader.IsDBNull(i)) { hash.AppendData([0]); return; }
        switch (reader.GetValue(i))
        {
            case long l: hash.AppendData([1]); hash.AppendData(BitConverter.GetBytes(l)); break;
            case double d: hash.AppendData([2]); hash.AppendData(BitConverter.GetBytes(d)); break;
            case string s: hash.AppendData([3]); hash.AppendData(BitConverter.GetBytes(s.Length)); hash.AppendData(System.Text.Encoding.UTF8.GetBytes(s)); break;
            case byte[] b: hash.AppendData([4]); hash.AppendData(BitConverter.GetBytes(b.Length)); hash.AppendData(b); break;
            case DateTime t: hash.AppendData([6]); hash.AppendData(BitConverter.GetBytes(t.Ticks)); break;
            case Array a: hash.AppendData([7]); foreach (var item in a) hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Convert.ToString(item, CultureInfo.InvariantCulture) + "\u001F")); break;
            case var other: hash.AppendData([5]); hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Convert.ToString(other, CultureInfo.InvariantCulture)!)); break;
        }
    }

    public void Dispose() => _connection?.Dispose();
}
