using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Data.Seeding.History;

/// <summary>
/// A multi-row insert into one table of columns that may belong to more than one entity type of
/// the model (a conversation's row also holds its trigger state), each value converted by its
/// column's own mapping. Rows go in statements of <see cref="ChunkSize"/> rows, the rest in powers
/// of two, so only a few statements are ever prepared. With <paramref name="keys"/>, it returns the
/// rows' new ids: SQLite's last row id under the write transaction, PostgreSQL's <c>RETURNING</c>.
/// <paramref name="json"/> names columns that hold a JSON document: <c>jsonb</c> on PostgreSQL, whose text is cast.
/// </summary>
internal sealed class BulkInsert(AgentConsoleDbContext db, string table, IReadOnlyList<StoreColumn> columns, bool keys = false, params string[] json)
{
    /// <summary>Rows per statement: more rows cost more than they save, as binding each named parameter scans the statement's names.</summary>
    public const int ChunkSize = 8;

    private readonly Dictionary<int, (string Sql, StoreColumn[] Columns)> _statements = [];

    private readonly bool _postgres = db.Database.IsNpgsql();

    /// <summary>Inserts <paramref name="rows"/> (values in the columns' order) on the caller's transaction; returns their new row ids, in order, when asked for keys (else none).</summary>
    public List<long> Insert(IReadOnlyList<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A bulk insert runs inside the caller's transaction.");
        var ids = new List<long>(keys ? rows.Count : 0);
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
            if (keys && _postgres)
            {
                // An identity column hands out its values in the order of the VALUES list, which RETURNING gives back.
                using var reader = command.ExecuteReader();
                while (reader.Read()) ids.Add(reader.GetInt64(0));
            }
            else
            {
                command.ExecuteNonQuery();
                if (keys)
                {
                    // Under the write transaction the new ids are the last ones handed out, in the order of the values.
                    var last = SQLitePCL.raw.sqlite3_last_insert_rowid(((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection()).Handle);
                    for (var key = last - size + 1; key <= last; key++) ids.Add(key);
                }
            }
            done += size;
        }
        return ids;
    }

    private DbCommand Command(int rows)
    {
        if (!_statements.TryGetValue(rows, out var statement))
        {
            var width = columns.Count;
            var casts = columns.Select(c => _postgres && json.Contains(c.Name) ? "::jsonb" : "").ToArray();
            var tuples = Enumerable.Range(0, rows).Select(r => $"({string.Join(", ", Enumerable.Range(r * width, width).Select(i => $"@p{i}{casts[i % width]}"))})");
            var returning = keys && _postgres ? " RETURNING \"Id\"" : "";
            var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES {string.Join(", ", tuples)}{returning};";
            _statements[rows] = statement = (sql, [.. Enumerable.Range(0, rows).SelectMany(_ => columns)]);
        }
        return PreparedCommands.For(db, statement.Sql, statement.Columns);
    }
}
