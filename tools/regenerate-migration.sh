#!/usr/bin/env bash
# Folds the model's current shape into the single InitialCreate migration (the project ships one
# migration until its first release) and puts back the hand-written part: the triggers that make
# the history tables append-only, and the history dashboard's fact tables and triggers (FactsSql). Run from the repository root: bash tools/regenerate-migration.sh
set -euo pipefail
dir=AgentConsole.Core/Data/Migrations
dotnet tool restore >/dev/null
rm -f "$dir"/*.cs
dotnet ef migrations add InitialCreate --project AgentConsole.Core --startup-project AgentConsole --output-dir Data/Migrations
python3 - "$dir"/*_InitialCreate.cs <<'PY'
import sys, re
path = sys.argv[1]
s = open(path, encoding='utf-8-sig').read()
s = s.replace('''    public partial class InitialCreate : Migration
    {
''', '''    public partial class InitialCreate : Migration
    {
        /// <summary>The tables that only ever gain rows: the store refuses to update or delete theirs.</summary>
        private static readonly string[] AppendOnlyTables = ["CaseEvents", "InboundEvents", "SettingChanges", "ContextOpenings", "Erasures", "AuditEntries"];

        /// <summary>
        /// The one update some of them allow: an anonymisation (AgentConsole.Core/Privacy) replacing the customer's words
        /// with the redaction values of Privacy/Redaction.cs, every other column unchanged.
        /// </summary>
        private static readonly Dictionary<string, string> AllowedUpdates = new()
        {
            ["InboundEvents"] = "NEW.Id IS OLD.Id AND NEW.ConversationId IS OLD.ConversationId AND NEW.EventId IS OLD.EventId AND NEW.Type IS OLD.Type " +
                "AND NEW.OccurredAt IS OLD.OccurredAt AND NEW.ReceivedAt IS OLD.ReceivedAt AND NEW.Payload = '{\\"erased\\":true}'",
            ["CaseEvents"] = "NEW.Id IS OLD.Id AND NEW.CaseId IS OLD.CaseId AND NEW.Type IS OLD.Type AND NEW.At IS OLD.At AND NEW.ActorKind IS OLD.ActorKind " +
                "AND NEW.ActorId IS OLD.ActorId AND NEW.Reason IS OLD.Reason AND (NEW.Comment IS OLD.Comment OR NEW.Comment = '[erased]') " +
                "AND (NEW.Detail IS OLD.Detail OR NEW.Detail = '[erased]') AND (NEW.Comment IS NOT OLD.Comment OR NEW.Detail IS NOT OLD.Detail)",
            ["AuditEntries"] = "NEW.Id IS OLD.Id AND NEW.At IS OLD.At AND NEW.ActorId IS OLD.ActorId AND NEW.ActorName IS OLD.ActorName " +
                "AND NEW.Action IS OLD.Action AND NEW.Target IS OLD.Target AND NEW.Detail = '{\\"erased\\":true}'",
        };

''', 1)
up_end = s.index('        /// <inheritdoc />\n        protected override void Down')
up_close = s.rindex('        }\n', 0, up_end)
s = s[:up_close] + '''
            // History the store itself refuses to rewrite: the case log, the inbound ledger, the settings history, the context openings,
            // the erasure records and the admins' audit log; only an anonymisation may blank the ledger's payloads and the case log's notes.
            foreach (var table in AppendOnlyTables)
            {
                var when = AllowedUpdates.TryGetValue(table, out var allowed) ? $" WHEN NOT ({allowed})" : "";
                migrationBuilder.Sql($"CREATE TRIGGER {table}_NoUpdate BEFORE UPDATE ON {table}{when} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_NoDelete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
            }

            // The history dashboard's rollups: the fact tables and the triggers that keep them, filled from what the store holds.
            foreach (var sql in AgentConsole.Core.Metrics.Facts.FactsSql.Install) migrationBuilder.Sql(sql);
''' + s[up_close:]
down = s.index('protected override void Down(MigrationBuilder migrationBuilder)')
brace = s.index('{\n', down) + 2
s = s[:brace] + '''            foreach (var sql in AgentConsole.Core.Metrics.Facts.FactsSql.Uninstall) migrationBuilder.Sql(sql);

            foreach (var table in AppendOnlyTables)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_NoUpdate;");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_NoDelete;");
            }

''' + s[brace:]
open(path, 'w', encoding='utf-8-sig').write(s)
PY
echo "InitialCreate regenerated in $dir"
