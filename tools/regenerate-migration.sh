#!/usr/bin/env bash
# Folds the model's current shape into the single InitialCreate migration (the project ships one
# migration until its first release) and puts back the hand-written part: the triggers that make
# the history tables append-only. Run from the repository root: bash tools/regenerate-migration.sh
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
        private static readonly string[] AppendOnlyTables = ["CaseEvents", "InboundEvents", "SettingChanges", "ContextOpenings", "AuditEntries"];

''', 1)
up_end = s.index('        /// <inheritdoc />\n        protected override void Down')
up_close = s.rindex('        }\n', 0, up_end)
s = s[:up_close] + '''
            // History the store itself refuses to rewrite: the case log, the inbound ledger, the settings history, the context openings and the admins' audit log.
            foreach (var table in AppendOnlyTables)
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_NoUpdate BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_NoDelete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
            }
''' + s[up_close:]
down = s.index('protected override void Down(MigrationBuilder migrationBuilder)')
brace = s.index('{\n', down) + 2
s = s[:brace] + '''            foreach (var table in AppendOnlyTables)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_NoUpdate;");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_NoDelete;");
            }

''' + s[brace:]
open(path, 'w', encoding='utf-8-sig').write(s)
PY
echo "InitialCreate regenerated in $dir"
