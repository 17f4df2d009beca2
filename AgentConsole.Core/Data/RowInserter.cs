using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AgentConsole.Core.Data;

/// <summary>
/// Inserts rows of an append-only entity with one prepared command on the context's connection and
/// transaction (see <see cref="PreparedCommands"/>). Parameters come from the model's own type
/// mappings and value converters, so the rows are stored exactly as EF would store them; the cost
/// per row is a fraction of SaveChanges'. Used on the ingestion hot path, where a batch appends
/// many messages and ledger rows.
/// </summary>
public sealed class RowInserter<TEntity> where TEntity : class
{
    // The SQL and the column mappings depend only on the model and the columns: worked out once per shape.
    private static readonly ConcurrentDictionary<(IModel Model, OnConflict OnConflict, string Properties), Shape> Shapes = new();

    private readonly DbContext _db;
    private readonly Shape _shape;
    private readonly bool _sqlite;

    /// <summary>Prepares an insert of <paramref name="properties"/> of <typeparamref name="TEntity"/>.</summary>
    public RowInserter(DbContext db, params string[] properties) : this(db, OnConflict.Fail, properties) { }

    /// <summary>
    /// Prepares an insert that does <paramref name="onConflict"/> with a row that would break a
    /// unique index: with <see cref="OnConflict.Skip"/>, <see cref="TryInsert"/> returns false for
    /// it and <see cref="InsertAll{TValue}"/> returns nothing for it.
    /// </summary>
    public RowInserter(DbContext db, OnConflict onConflict, params string[] properties)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(properties);
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("RowInserter runs inside the caller's transaction.");
        _db = db;
        _sqlite = db.Database.IsSqlite();
        _shape = Shapes.GetOrAdd((db.Model, onConflict, string.Join(',', properties)), key => Shape.Of(key.Model, key.OnConflict, properties));
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> with one statement and returns their new keys, in the rows'
    /// order. The statement runs under the caller's write transaction, so the keys it gives are the
    /// last ones the table has handed out, one after another in the order of the statement's values.
    /// </summary>
    public List<long> InsertKeys(IReadOnlyList<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var keys = new List<long>(rows.Count);
        if (rows.Count == 0) return keys;
        if (!_sqlite)
        {
            // PostgreSQL's identity values come from a sequence that other writers share, so they need not be
            // consecutive: read them back. A multi-row VALUES insert returns its rows in the order of its values.
            using var reader = Many(rows, returning: _shape.KeyColumn).ExecuteReader();
            while (reader.Read()) keys.Add(reader.GetInt64(0));
            if (keys.Count != rows.Count) throw new InvalidOperationException($"{rows.Count} rows were given and {keys.Count} went in.");
            return keys;
        }
        var inserted = Many(rows, returning: null).ExecuteNonQuery();
        if (inserted != rows.Count) throw new InvalidOperationException($"{rows.Count} rows were given and {inserted} went in.");
        // Not a RETURNING clause: reading keys back through a data reader costs more than the insert itself.
        // The statement runs under the caller's write transaction, behind the store's one write lock, so its keys are consecutive.
        var last = SQLitePCL.raw.sqlite3_last_insert_rowid(((SqliteConnection)_db.Database.GetDbConnection()).Handle);
        for (var key = last - rows.Count + 1; key <= last; key++) keys.Add(key);
        return keys;
    }

    /// <summary>
    /// Inserts all of <paramref name="rows"/> with one statement, or none of them: returns false,
    /// with nothing inserted, when one would break a unique index. For an insert that usually
    /// succeeds, this is cheaper than <see cref="InsertAll{TValue}"/>, which reads back what went in.
    /// </summary>
    public bool TryInsertEvery(IReadOnlyList<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return true;
        if (!_sqlite) return TryInsertEveryInSavepoint(rows);
        try
        {
            // A failed statement undoes only its own rows; the caller's transaction goes on.
            Many(rows, returning: null).ExecuteNonQuery();
            return true;
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode is SqliteUniqueViolation or SqlitePrimaryKeyViolation)
        {
            return false;
        }
    }

    // On PostgreSQL a failed statement aborts the whole transaction, so the statement runs in a savepoint
    // that a unique violation rolls back, and the caller's transaction goes on as on SQLite.
    private bool TryInsertEveryInSavepoint(IReadOnlyList<object?[]> rows)
    {
        var transaction = _db.Database.CurrentTransaction!;
        transaction.CreateSavepoint(Savepoint);
        try
        {
            Many(rows, returning: null).ExecuteNonQuery();
            transaction.ReleaseSavepoint(Savepoint);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            transaction.RollbackToSavepoint(Savepoint);
            return false;
        }
    }

    private const string Savepoint = "row_inserter";

    /// <summary>Inserts one row without reading its key back; returns whether it went in (false for a skipped duplicate).</summary>
    public bool TryInsert(params ReadOnlySpan<object?> values) => Command(_shape.Insert, values).ExecuteNonQuery() > 0;

    /// <summary>
    /// Inserts <paramref name="rows"/> (each with values in the order the properties were given)
    /// with one statement, and returns <paramref name="returning"/> of every row that went in: a
    /// skipped duplicate returns nothing. The order of what comes back is not the rows' order.
    /// </summary>
    public List<TValue> InsertAll<TValue>(IReadOnlyList<object?[]> rows, string returning)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var found = new List<TValue>(rows.Count);
        if (rows.Count == 0) return found;
        using var reader = Many(rows, StoreColumn.Of<TEntity>(_db.Model, returning).Name).ExecuteReader();
        while (reader.Read()) found.Add(reader.GetFieldValue<TValue>(0));
        return found;
    }

    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
    private const int SqliteUniqueViolation = 2067, SqlitePrimaryKeyViolation = 1555;

    /// <summary>The prepared statement for <paramref name="rows"/>, with their values bound.</summary>
    private DbCommand Many(IReadOnlyList<object?[]> rows, string? returning)
    {
        var (sql, columns) = _shape.Many(rows.Count, returning);
        var command = PreparedCommands.For(_db, sql, columns);
        var width = _shape.Columns.Length;
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < width; c++) command.Parameters[r * width + c].Value = _shape.Columns[c].ToProvider(rows[r][c]);
        }
        return command;
    }

    private DbCommand Command(string sql, ReadOnlySpan<object?> values) =>
        PreparedCommands.Bind(PreparedCommands.For(_db, sql, _shape.Columns), _shape.Columns, values);

    private sealed record Shape(string Table, string Insert, string Key, string KeyColumn, string Conflict, StoreColumn[] Columns)
    {
        // The statement for a number of rows, made once per count and column returned.
        private readonly ConcurrentDictionary<(int Rows, string Returning), (string Sql, StoreColumn[] Columns)> _many = new();

        public (string Sql, StoreColumn[] Columns) Many(int rows, string? returning) => _many.GetOrAdd((rows, returning ?? ""), key =>
        {
            var width = Columns.Length;
            var tuples = Enumerable.Range(0, key.Rows).Select(r => $"({string.Join(", ", Enumerable.Range(r * width, width).Select(i => $"@p{i}"))})");
            var sql = $"INSERT INTO \"{Table}\" ({string.Join(", ", Columns.Select(c => $"\"{c.Name}\""))}) VALUES {string.Join(", ", tuples)}{Conflict}{(key.Returning == "" ? "" : $" RETURNING \"{key.Returning}\"")};";
            return (sql, [.. Enumerable.Range(0, key.Rows).SelectMany(_ => Columns)]);
        });

        public static Shape Of(IModel model, OnConflict onConflict, string[] properties)
        {
            var entity = model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
            var keyProperty = entity.FindPrimaryKey()!.Properties.Single();
            var keyColumn = StoreColumn.Of<TEntity>(model, keyProperty.Name).Name;
            var columns = StoreColumn.Of<TEntity>(model, properties);
            var values = string.Join(", ", columns.Select((_, i) => $"@p{i}"));
            var conflict = onConflict switch
            {
                OnConflict.Skip => " ON CONFLICT DO NOTHING",
                OnConflict.Update => $" ON CONFLICT (\"{keyColumn}\") DO UPDATE SET {string.Join(", ", columns.Where(c => c.Property != keyProperty).Select(c =>
                    $"\"{c.Name}\" = excluded.\"{c.Name}\""))}",
                _ => "",
            };
            var insert = $"INSERT INTO \"{entity.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({values}){conflict}";
            return new Shape(entity.GetTableName()!, insert, keyProperty.Name, keyColumn, conflict, columns);
        }
    }
}

/// <summary>What an insert does with a row that would break a unique index.</summary>
public enum OnConflict
{
    /// <summary>The insert fails, as a plain insert does.</summary>
    Fail,

    /// <summary>The row is skipped: the one already stored stays.</summary>
    Skip,

    /// <summary>The stored row with the same primary key takes the new row's values.</summary>
    Update,
}
