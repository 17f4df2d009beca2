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
/// The inserts are synchronous: Microsoft.Data.Sqlite runs every command synchronously, and its
/// async methods only wrap the result in a task (measured: see <c>RowInserterBenchmarks</c>).
/// </remarks>
public sealed class RowInserter<TEntity> : IDisposable where TEntity : class
{
    private readonly DbCommand _command;
    private readonly string _insert, _returningKey;
    private readonly (IProperty Property, ValueConverter? Converter, DbParameter Parameter)[] _columns;

    /// <summary>Prepares an insert of <paramref name="properties"/> of <typeparamref name="TEntity"/>, returning the new key.</summary>
    public RowInserter(DbContext db, params string[] properties) : this(db, skipDuplicates: false, properties) { }

    /// <summary>
    /// Prepares an insert; with <paramref name="skipDuplicates"/>, a row that would break a unique
    /// index is skipped: <see cref="Insert"/> returns null and <see cref="TryInsert"/> false for it.
    /// </summary>
    public RowInserter(DbContext db, bool skipDuplicates, params string[] properties)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single().GetColumnName(store);

        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("RowInserter runs inside the caller's transaction.");
        _columns = properties.Select((name, i) =>
        {
            var property = entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no property {name}.");
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(_command, $"@p{i}", null, property.IsNullable);
            _command.Parameters.Add(parameter);
            return (property, property.GetValueConverter() ?? mapping.Converter, parameter);
        }).ToArray();
        var columns = string.Join(", ", _columns.Select(c => $"\"{c.Property.GetColumnName(store)}\""));
        var values = string.Join(", ", _columns.Select(c => c.Parameter.ParameterName));
        var conflict = skipDuplicates ? " ON CONFLICT DO NOTHING" : "";
        _insert = $"INSERT INTO \"{table}\" ({columns}) VALUES ({values}){conflict}";
        _returningKey = $"{_insert} RETURNING \"{key}\";";
    }

    /// <summary>
    /// Inserts one row; <paramref name="values"/> are in the order the properties were given.
    /// Returns the new key, or null when a duplicate was skipped.
    /// </summary>
    public long? Insert(params object?[] values)
    {
        Bind(values, _returningKey);
        return _command.ExecuteScalar() is { } key and not DBNull ? Convert.ToInt64(key) : null;
    }

    /// <summary>Inserts one row without reading its key back; returns whether it went in (false for a skipped duplicate).</summary>
    public bool TryInsert(params object?[] values)
    {
        Bind(values, _insert);
        return _command.ExecuteNonQuery() > 0;
    }

    private void Bind(object?[] values, string sql)
    {
        if (!ReferenceEquals(_command.CommandText, sql)) _command.CommandText = sql;
        for (var i = 0; i < _columns.Length; i++)
        {
            var (_, converter, parameter) = _columns[i];
            parameter.Value = values[i] is not { } value ? DBNull.Value : converter is null ? value : converter.ConvertToProvider(value) ?? DBNull.Value;
        }
    }

    public void Dispose() => _command.Dispose();
}
