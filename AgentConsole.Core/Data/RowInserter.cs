using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AgentConsole.Core.Data;

/// <summary>
/// Inserts rows of an append-only entity with one prepared command on the context's connection and
/// transaction. Parameters come from the model's own type mappings and value converters, so the
/// rows are stored exactly as EF would store them; the cost per row is a fraction of
/// SaveChanges'. Used on the ingestion hot path, where a batch appends many messages and ledger rows.
/// </summary>
/// <remarks>
/// The inserts are synchronous, and say so: Microsoft.Data.Sqlite runs every command synchronously
/// and its async methods only wrap the result in a task. Measured on the development machine, a
/// prepared insert took the same time either way (within noise) and the async call allocated more.
/// </remarks>
public sealed class RowInserter<TEntity> : IDisposable where TEntity : class
{
    // The SQL and the column mappings depend only on the model and the columns: worked out once per shape.
    private static readonly ConcurrentDictionary<(IModel Model, OnConflict OnConflict, string Properties), Shape> Shapes = new();

    private readonly DbCommand _command;
    private readonly Shape _shape;
    private readonly DbParameter[] _parameters;

    /// <summary>Prepares an insert of <paramref name="properties"/> of <typeparamref name="TEntity"/>, returning the new key.</summary>
    public RowInserter(DbContext db, params string[] properties) : this(db, OnConflict.Fail, properties) { }

    /// <summary>
    /// Prepares an insert that does <paramref name="onConflict"/> with a row that would break a
    /// unique index: with <see cref="OnConflict.Skip"/>, <see cref="Insert"/> returns null and
    /// <see cref="TryInsert"/> false for it.
    /// </summary>
    public RowInserter(DbContext db, OnConflict onConflict, params string[] properties)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(properties);
        _shape = Shapes.GetOrAdd((db.Model, onConflict, string.Join(',', properties)), key => Shape.Of(key.Model, key.OnConflict, properties));
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("RowInserter runs inside the caller's transaction.");
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = transaction;
        _parameters = new DbParameter[_shape.Columns.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            var column = _shape.Columns[i];
            _command.Parameters.Add(_parameters[i] = column.Mapping.CreateParameter(_command, $"@p{i}", null, column.Property.IsNullable));
        }
    }

    /// <summary>
    /// Inserts one row; <paramref name="values"/> are in the order the properties were given.
    /// Returns the new key, or null when a duplicate was skipped.
    /// </summary>
    public long? Insert(params object?[] values)
    {
        Bind(values, _shape.ReturningKey);
        return _command.ExecuteScalar() is { } key and not DBNull ? Convert.ToInt64(key) : null;
    }

    /// <summary>Inserts one row without reading its key back; returns whether it went in (false for a skipped duplicate).</summary>
    public bool TryInsert(params object?[] values)
    {
        Bind(values, _shape.Insert);
        return _command.ExecuteNonQuery() > 0;
    }

    private void Bind(object?[] values, string sql)
    {
        if (!ReferenceEquals(_command.CommandText, sql)) _command.CommandText = sql;
        for (var i = 0; i < _parameters.Length; i++)
        {
            var converter = _shape.Columns[i].Converter;
            _parameters[i].Value = values[i] is not { } value ? DBNull.Value : converter is null ? value : converter.ConvertToProvider(value) ?? DBNull.Value;
        }
    }

    public void Dispose() => _command.Dispose();

    private sealed record Shape(string Insert, string ReturningKey, (IProperty Property, RelationalTypeMapping Mapping, ValueConverter? Converter)[] Columns)
    {
        public static Shape Of(IModel model, OnConflict onConflict, string[] properties)
        {
            var entity = model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var keyProperty = entity.FindPrimaryKey()!.Properties.Single();
            var key = keyProperty.GetColumnName(store);
            var columns = properties.Select(name =>
            {
                var property = entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no property {name}.");
                var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
                return (property, mapping, property.GetValueConverter() ?? mapping.Converter);
            }).ToArray();
            var names = columns.Select(c => $"\"{c.property.GetColumnName(store)}\"").ToList();
            var values = string.Join(", ", columns.Select((_, i) => $"@p{i}"));
            var conflict = onConflict switch
            {
                OnConflict.Skip => " ON CONFLICT DO NOTHING",
                OnConflict.Update => $" ON CONFLICT (\"{key}\") DO UPDATE SET {string.Join(", ", columns.Where(c => c.property != keyProperty).Select(c =>
                    $"\"{c.property.GetColumnName(store)}\" = excluded.\"{c.property.GetColumnName(store)}\""))}",
                _ => "",
            };
            var insert = $"INSERT INTO \"{table}\" ({string.Join(", ", names)}) VALUES ({values}){conflict}";
            return new Shape(insert, $"{insert} RETURNING \"{key}\";", columns);
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
