using AgentConsole.Core.Privacy;

namespace AgentConsole.Core.Data;

/// <summary>
/// The store's own refusal to rewrite history, as database triggers, for each provider: the case
/// log, the inbound ledger, the settings history, the context openings, the erasure records and the
/// admins' audit log only ever gain rows. The one update some of them allow is an anonymisation
/// (<see cref="Privacy"/>) replacing the customer's words with the <see cref="Redaction"/> values,
/// every other column unchanged. The migrations install these (<c>tools/regenerate-migration.sh</c>
/// keeps the calls in each provider's InitialCreate); <see cref="AgentConsoleDbContext"/> refuses the
/// same changes before they reach the store.
/// </summary>
public static class AppendOnlyRules
{
    /// <summary>The tables that only ever gain rows.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["CaseEvents", "InboundEvents", "SettingChanges", "ContextOpenings", "Erasures", "AuditEntries"];

    /// <summary>The anonymisation each table allows: the columns that must keep their values, and those that may become a redaction value.</summary>
    private static readonly Dictionary<string, Anonymisation> Allowed = new()
    {
        ["InboundEvents"] = new(["Id", "ConversationId", "EventId", "Type", "OccurredAt", "ReceivedAt"], [("Payload", Redaction.Payload)], Optional: false),
        ["CaseEvents"] = new(["Id", "CaseId", "Type", "At", "ActorKind", "ActorId", "Reason"], [("Comment", Redaction.Marker), ("Detail", Redaction.Marker)], Optional: true),
        ["AuditEntries"] = new(["Id", "At", "ActorId", "ActorName", "Action", "Target"], [("Detail", Redaction.Payload)], Optional: false),
    };

    /// <summary>The SQLite statements that install the triggers.</summary>
    public static IReadOnlyList<string> SqliteInstall =>
    [
        .. Tables.SelectMany(table => new[]
        {
            $"CREATE TRIGGER {table}_NoUpdate BEFORE UPDATE ON {table}{When(table, Sqlite)} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;",
            $"CREATE TRIGGER {table}_NoDelete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;",
        }),
    ];

    /// <summary>The SQLite statements that drop them.</summary>
    public static IReadOnlyList<string> SqliteUninstall =>
        [.. Tables.SelectMany(table => new[] { $"DROP TRIGGER IF EXISTS {table}_NoUpdate;", $"DROP TRIGGER IF EXISTS {table}_NoDelete;" })];

    /// <summary>The PostgreSQL statements that install the triggers, a TRUNCATE included.</summary>
    public static IReadOnlyList<string> PostgresInstall =>
    [
        $"""
        CREATE FUNCTION {PostgresFunction}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation'; END $$;
        """,
        .. Tables.SelectMany(table => new[]
        {
            $"""CREATE TRIGGER "{table}_NoUpdate" BEFORE UPDATE ON "{table}" FOR EACH ROW{When(table, Postgres)} EXECUTE FUNCTION {PostgresFunction}();""",
            $"""CREATE TRIGGER "{table}_NoDelete" BEFORE DELETE ON "{table}" FOR EACH ROW EXECUTE FUNCTION {PostgresFunction}();""",
            $"""CREATE TRIGGER "{table}_NoTruncate" BEFORE TRUNCATE ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {PostgresFunction}();""",
        }),
    ];

    /// <summary>The PostgreSQL statements that drop them.</summary>
    public static IReadOnlyList<string> PostgresUninstall =>
    [
        .. Tables.SelectMany(table => new[] { "NoUpdate", "NoDelete", "NoTruncate" }.Select(kind => $"""DROP TRIGGER IF EXISTS "{table}_{kind}" ON "{table}";""")),
        $"DROP FUNCTION IF EXISTS {PostgresFunction}();",
    ];

    private const string PostgresFunction = "agentconsole_append_only";

    private static readonly Dialect Sqlite = new(c => c, "IS", "IS NOT", " WHEN NOT ({0})");
    private static readonly Dialect Postgres = new(c => $"\"{c}\"", "IS NOT DISTINCT FROM", "IS DISTINCT FROM", " WHEN (NOT ({0}))");

    // The trigger's condition: refuse every update but the table's anonymisation.
    private static string When(string table, Dialect d)
    {
        if (!Allowed.TryGetValue(table, out var allowed)) return "";
        string New(string c) => "NEW." + d.Quote(c);
        string Old(string c) => "OLD." + d.Quote(c);
        var parts = allowed.Kept.Select(c => $"{New(c)} {d.Same} {Old(c)}").ToList();
        if (allowed.Optional)
        {
            parts.AddRange(allowed.Replaced.Select(r => $"({New(r.Column)} {d.Same} {Old(r.Column)} OR {New(r.Column)} = '{r.Value}')"));
            parts.Add("(" + string.Join(" OR ", allowed.Replaced.Select(r => $"{New(r.Column)} {d.Different} {Old(r.Column)}")) + ")");
        }
        else parts.AddRange(allowed.Replaced.Select(r => $"{New(r.Column)} = '{r.Value}'"));
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, d.When, string.Join(" AND ", parts));
    }

    private sealed record Anonymisation(string[] Kept, (string Column, string Value)[] Replaced, bool Optional);

    private sealed record Dialect(Func<string, string> Quote, string Same, string Different, string When);
}
