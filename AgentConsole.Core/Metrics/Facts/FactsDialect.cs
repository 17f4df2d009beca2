using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Core.Metrics.Facts;

/// <summary>
/// What the fact and rollup statements (<see cref="FactsSql"/>, <see cref="RollupSql"/>) say
/// differently on the store's two providers: column types, time arithmetic, JSON, upserts and
/// triggers. The statements are written once, with these pieces, in SQLite's spelling of names;
/// on PostgreSQL, whose unquoted names fold to lower case while EF created the tables with
/// quoted mixed-case ones, <see cref="Names(string)"/> quotes every mixed-case name outside literals.
/// </summary>
internal sealed partial class FactsDialect
{
    public static readonly FactsDialect Sqlite = new(postgres: false), Postgres = new(postgres: true);

    private FactsDialect(bool postgres) => IsPostgres = postgres;

    /// <summary>The dialect of the store behind <paramref name="database"/>.</summary>
    public static FactsDialect Of(DatabaseFacade database) => database.IsNpgsql() ? Postgres : Sqlite;

    public bool IsPostgres { get; }

    // Column types: times, ids, flags, 32- and 64-bit numbers, text.
    public string Time => IsPostgres ? "timestamp with time zone" : "TEXT";
    public string Id => IsPostgres ? "uuid" : "TEXT";
    public string Bool => IsPostgres ? "boolean" : "INTEGER";
    public string Int => IsPostgres ? "integer" : "INTEGER";
    public string Long => IsPostgres ? "bigint" : "INTEGER";
    public string Text => IsPostgres ? "text" : "TEXT";

    /// <summary>What follows a table clustered by its primary key (SQLite keeps such a table in key order).</summary>
    public string Clustered => IsPostgres ? "" : " WITHOUT ROWID";

    /// <summary>The statement, with its mixed-case names quoted on PostgreSQL.</summary>
    public string Names(string sql) => IsPostgres ? MixedCaseName().Replace(sql, m => m.Value[0] == '\'' ? m.Value : $"\"{m.Value}\"") : sql;

    /// <summary>Each statement through <see cref="Names(string)"/>.</summary>
    public IReadOnlyList<string> Names(IEnumerable<string> statements) => [.. statements.Select(Names)];

    // A string literal (left alone), or a name with both an upper- and a lower-case letter: keywords are upper case, functions and aliases lower.
    [GeneratedRegex(@"'(?:[^']|'')*'|\b(?=[A-Za-z0-9_]*[a-z])(?=[A-Za-z0-9_]*[A-Z])[A-Za-z_][A-Za-z0-9_]*\b")]
    private static partial Regex MixedCaseName();

    /// <summary>
    /// The ticks (100 ns) since the Unix epoch of a stored time. SQLite keeps <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>:
    /// whole seconds from <c>strftime</c> and the fraction's digits, so differences are exact.
    /// </summary>
    public string Ticks(string x) => IsPostgres
        ? $"CAST(EXTRACT(EPOCH FROM {x}) * 10000000 AS bigint)"
        : $"(CAST(strftime('%s', substr({x}, 1, 19)) AS INTEGER) * 10000000 + CASE WHEN length({x}) > 20 THEN CAST(substr(substr({x}, 21) || '000000', 1, 7) AS INTEGER) ELSE 0 END)";

    /// <summary>A UTC instant as a literal that compares with the stored times.</summary>
    public string At(DateTime utc) => IsPostgres
        ? $"TIMESTAMPTZ '{utc.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00'"
        : $"'{RollupSql.Text(utc)}'";

    /// <summary>The UTC hour of a stored time as <c>yyyy-MM-dd HH</c>.</summary>
    public string UtcHour(string x) => IsPostgres ? $"to_char({x} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')" : $"substr({x}, 1, 13)";

    /// <summary>The minutes since UTC midnight of a stored time.</summary>
    public string UtcMinuteOfDay(string x) => IsPostgres
        ? $"(CAST(EXTRACT(HOUR FROM {x} AT TIME ZONE 'UTC') AS integer) * 60 + CAST(EXTRACT(MINUTE FROM {x} AT TIME ZONE 'UTC') AS integer))"
        : $"(CAST(substr({x}, 12, 2) AS INTEGER) * 60 + CAST(substr({x}, 15, 2) AS INTEGER))";

    /// <summary>The larger of two values.</summary>
    public string Greatest(string a, string b) => IsPostgres ? $"GREATEST({a}, {b})" : $"max({a}, {b})";

    /// <summary>The smaller of two values.</summary>
    public string Least(string a, string b) => IsPostgres ? $"LEAST({a}, {b})" : $"min({a}, {b})";

    /// <summary>The 1-based place of <paramref name="character"/> in <paramref name="x"/>, 0 when absent.</summary>
    public string Position(string x, char character) => IsPostgres ? $"strpos({x}, '{character}')" : $"instr({x}, '{character}')";

    /// <summary>Inserts what <paramref name="select"/> returns, skipping rows whose key is already there.</summary>
    public string InsertIgnore(string into, string select) =>
        IsPostgres ? $"INSERT INTO {into} {select} ON CONFLICT DO NOTHING;" : $"INSERT OR IGNORE INTO {into} {select};";

    /// <summary>The elements of the JSON array <paramref name="column"/> (null as empty) as rows of <c>j</c>.</summary>
    public string JsonElements(string column) =>
        IsPostgres ? $"jsonb_array_elements(coalesce({column}, '[]'::jsonb)) AS j(value)" : $"json_each(coalesce({column}, '[]')) j";

    /// <summary>The text of the field <paramref name="field"/> of the element <c>j</c>.</summary>
    public string JsonText(string field) => IsPostgres ? $"(j.value ->> '{field}')" : $"json_extract(j.value, '$.{field}')";

    /// <summary>The whole number in the field <paramref name="field"/> of the element <c>j</c>.</summary>
    public string JsonLong(string field) => IsPostgres ? $"CAST(j.value ->> '{field}' AS bigint)" : $"json_extract(j.value, '$.{field}')";

    /// <summary>A list of texts (a customer's products) as JSON text: SQLite keeps it so, PostgreSQL as an array.</summary>
    public string JsonList(string column) => IsPostgres ? $"CAST(array_to_json({column}) AS text)" : column;

    /// <summary>The statements that create <paramref name="trigger"/>.</summary>
    public IEnumerable<string> Create(FactsTrigger trigger)
    {
        if (!IsPostgres)
        {
            yield return $"CREATE TRIGGER {trigger.Name} AFTER {trigger.Event} ON {trigger.Table}{(trigger.When is null ? "" : $" WHEN {trigger.When}")} BEGIN {trigger.Body} END;";
            yield break;
        }
        // PostgreSQL's WHEN takes no subquery, so the condition is tested in the function.
        var body = trigger.When is null ? trigger.Body : $"IF {trigger.When} THEN {trigger.Body} END IF;";
        yield return $"CREATE OR REPLACE FUNCTION {trigger.Name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$;";
        yield return $"CREATE TRIGGER {trigger.Name} AFTER {trigger.Event} ON {trigger.Table} FOR EACH ROW EXECUTE FUNCTION {trigger.Name}();";
    }

    /// <summary>The statement that drops <paramref name="trigger"/> (its function stays on PostgreSQL, for <see cref="Create"/> to replace).</summary>
    public string Drop(FactsTrigger trigger) =>
        IsPostgres ? $"DROP TRIGGER IF EXISTS {trigger.Name} ON {trigger.Table};" : $"DROP TRIGGER IF EXISTS {trigger.Name};";

    /// <summary>The statements that drop what <see cref="Create"/> made.</summary>
    public IEnumerable<string> Remove(FactsTrigger trigger) =>
        IsPostgres ? [Drop(trigger), $"DROP FUNCTION IF EXISTS {trigger.Name}();"] : [Drop(trigger)];
}

/// <summary>A row trigger: after <see cref="Event"/> (<c>INSERT</c>, <c>UPDATE OF …</c>, <c>DELETE</c>) on <see cref="Table"/>, when <see cref="When"/> holds, run <see cref="Body"/>.</summary>
internal sealed record FactsTrigger(string Name, string Event, string Table, string? When, string Body);
