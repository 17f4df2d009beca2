using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AgentConsole.Core.Data;

/// <summary>
/// Hand-written statements for the hot paths (ingestion's reads and writes, the bot's view of a
/// case), kept per connection. Microsoft.Data.Sqlite prepares a command's statement on its first
/// run and keeps it until the connection closes, so on a connection that stays open (the
/// ingestion writer's) each statement is compiled once; on a connection opened for one operation
/// it is compiled once per opening, as EF's own commands are.
/// </summary>
/// <remarks>
/// The commands run synchronously, and say so: Microsoft.Data.Sqlite runs every command
/// synchronously and its async methods only wrap the result in a task.
/// </remarks>
public static class PreparedCommands
{
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, DbCommand>> Commands = new();

    /// <summary>
    /// The command for <paramref name="sql"/> on <paramref name="db"/>'s connection, in its current
    /// transaction, with the parameters <paramref name="columns"/> make (named <c>@p0</c>, <c>@p1</c>, … in order).
    /// The connection must be open. The command belongs to the connection: set its parameters with
    /// <see cref="Bind"/> and never dispose it.
    /// </summary>
    public static DbCommand For(DbContext db, string sql, IReadOnlyList<StoreColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(columns);
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open) throw new InvalidOperationException("Prepared commands run on an open connection.");
        var commands = Commands.GetValue(connection, Track);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < columns.Count; i++) command.Parameters.Add(columns[i].CreateParameter(command, $"@p{i}"));
            commands.Add(sql, command);
        }
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    // A closed connection disposes its commands, and its pooled handle may serve another connection
    // next: the commands made while it was open are forgotten with it, and the next open makes new ones.
    private static Dictionary<string, DbCommand> Track(DbConnection connection)
    {
        connection.StateChange += Forget;
        return new Dictionary<string, DbCommand>(StringComparer.Ordinal);
    }

    private static void Forget(object? sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Open || sender is not DbConnection connection) return;
        connection.StateChange -= Forget;
        Commands.Remove(connection);
    }

    /// <summary>Sets the parameters of <paramref name="command"/>, made from <paramref name="columns"/>, to <paramref name="values"/>, in order.</summary>
    public static DbCommand Bind(DbCommand command, IReadOnlyList<StoreColumn> columns, params ReadOnlySpan<object?> values)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(columns);
        for (var i = 0; i < columns.Count; i++) command.Parameters[i].Value = columns[i].ToProvider(values[i]);
        return command;
    }
}

/// <summary>
/// A column as the model maps it: a parameter made with the property's own type mapping and value
/// converter stores a value exactly as EF would (a GUID as upper-case text, an enum by name, a UTC time).
/// </summary>
public sealed record StoreColumn(IProperty Property, RelationalTypeMapping Mapping, ValueConverter? Converter, string Name)
{
    // Looked up once per model, entity and property: the hot paths ask on every call.
    private static readonly ConcurrentDictionary<(IModel Model, Type Entity, string Property), StoreColumn> Known = new();

    /// <summary>The column of <typeparamref name="TEntity"/>'s property <paramref name="property"/>.</summary>
    public static StoreColumn Of<TEntity>(IModel model, string property)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Known.GetOrAdd((model, typeof(TEntity), property), key => Find(key.Model, key.Entity, key.Property));
    }

    private static StoreColumn Find(IModel model, Type type, string property)
    {
        var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var found = entity.FindProperty(property) ?? throw new InvalidOperationException($"{type.Name} has no property {property}.");
        var mapping = (RelationalTypeMapping)found.GetRelationalTypeMapping();
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return new StoreColumn(found, mapping, found.GetValueConverter() ?? mapping.Converter, found.GetColumnName(store)!);
    }

    /// <summary>The columns of <typeparamref name="TEntity"/>'s <paramref name="properties"/>, in order.</summary>
    public static StoreColumn[] Of<TEntity>(IModel model, params string[] properties) => [.. properties.Select(p => Of<TEntity>(model, p))];

    /// <summary>A parameter for this column, with no value yet.</summary>
    public DbParameter CreateParameter(DbCommand command, string name) => Mapping.CreateParameter(command, name, null, Property.IsNullable);

    /// <summary>The value as the store keeps it.</summary>
    public object ToProvider(object? value) =>
        value is null ? DBNull.Value : Converter is null ? value : Converter.ConvertToProvider(value) ?? DBNull.Value;
}
