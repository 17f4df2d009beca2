using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Data.Seeding.History;

/// <summary>
/// A multi-row insert into one table of columns that may belong to more than one entity type of
/// the model (a conversation's row also holds its trigger state), each value converted by its
/// column's own mapping. Rows go in statements of <see cref="ChunkSize"/> rows, the rest in powers
/// of two, so only a few statements are ever prepared.
/// </summary>
internal sealed class BulkInsert(AgentConsoleDbContext db, string table, IReadOnlyList<StoreColumn> columns)
{
    /// <summary>Rows per statement: more rows cost more than they save, as binding each named parameter scans the statement's names.</summary>
    public const int ChunkSize = 8;

    private readonly Dictionary<int, (string Sql, StoreColumn[] Columns)> _statements = [];

    /// <summary>Inserts <paramref name="rows"/> (values in the columns' order) on the caller's transaction; returns their new row ids, in order.</summary>
    public List<long> Insert(IReadOnlyList<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A bulk insert runs inside the caller's transaction.");
        var keys = new List<long>(rows.Count);
        for (var done = 0; done < rows.Count;)
        {
            var size = ChunkSize;
            while (size > rows.Count - done) size /= 2;
            var command = Command(size);
            for (var r = 0; r < size; r++)
            {
                var row = rows[done + r];
                for (var c = 0; c < columns.Count; c++) command.Parameters[r * columns.Count + c].Value = columns[c].ToProvider(row[c]);
            }
            command.ExecuteNonQuery();
            // Under the write transaction the new ids are the last ones handed out, in the order of the values.
            var last = SQLitePCL.raw.sqlite3_last_insert_rowid(((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection()).Handle);
            for (var key = last - size + 1; key <= last; key++) keys.Add(key);
            done += size;
        }
        return keys;
    }

    private DbCommand Command(int rows)
    {
        if (!_statements.TryGetValue(rows, out var statement))
        {
            var width = columns.Count;
            var tuples = Enumerable.Range(0, rows).Select(r => $"({string.Join(", ", Enumerable.Range(r * width, width).Select(i => $"@p{i}"))})");
            var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES {string.Join(", ", tuples)};";
            _statements[rows] = statement = (sql, [.. Enumerable.Range(0, rows).SelectMany(_ => columns)]);
        }
        return PreparedCommands.For(db, statement.Sql, statement.Columns);
    }
}
