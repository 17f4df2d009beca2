#!/usr/bin/env bash
# Folds the model's current shape into the single InitialCreate migration of each provider (the
# project ships one migration per provider until its first release) and puts back the hand-written
# part: the triggers that make the history tables append-only (AppendOnlyRules), and the history
# dashboard's fact tables and triggers (FactsSql, in each provider's dialect). Run from the repository root:
#   bash tools/regenerate-migration.sh
set -euo pipefail
dotnet tool restore >/dev/null
dotnet restore AgentConsole.sln >/dev/null

regenerate() { # project, output folder, rules class member prefix, extra Up statements, extra Down statements, ef args
  local project=$1 dir=$2 rules=$3 up_extra=$4 down_extra=$5; shift 5
  rm -f "$dir"/*.cs
  dotnet ef migrations add InitialCreate --project "$project" --startup-project AgentConsole --output-dir "${dir#"$project"/}" "$@"
  python3 - "$dir"/*_InitialCreate.cs "$rules" "$up_extra" "$down_extra" <<'PY'
import sys
path, rules, up_extra, down_extra = sys.argv[1:5]
s = open(path, encoding='utf-8-sig').read()
up_end = s.index('        /// <inheritdoc />\n        protected override void Down')
up_close = s.rindex('        }\n', 0, up_end)
s = s[:up_close] + f'''
            // History the store itself refuses to rewrite: the case log, the inbound ledger, the settings history, the context openings,
            // the erasure records and the admins' audit log; only an anonymisation may blank the ledger's payloads and the case log's notes.
            foreach (var sql in AgentConsole.Core.Data.AppendOnlyRules.{rules}Install) migrationBuilder.Sql(sql);
{up_extra}''' + s[up_close:]
down = s.index('protected override void Down(MigrationBuilder migrationBuilder)')
brace = s.index('{\n', down) + 2
s = s[:brace] + f'''{down_extra}            foreach (var sql in AgentConsole.Core.Data.AppendOnlyRules.{rules}Uninstall) migrationBuilder.Sql(sql);

''' + s[brace:]
open(path, 'w', encoding='utf-8-sig').write(s)
PY
  echo "InitialCreate regenerated in $dir"
}

regenerate AgentConsole.Core AgentConsole.Core/Data/Migrations Sqlite '
            // The history dashboard'"'"'s rollups: the fact tables and the triggers that keep them, filled from what the store holds.
            foreach (var sql in AgentConsole.Core.Metrics.Facts.FactsSql.Sqlite.Install) migrationBuilder.Sql(sql);
' '            foreach (var sql in AgentConsole.Core.Metrics.Facts.FactsSql.Sqlite.Uninstall) migrationBuilder.Sql(sql);

'
regenerate AgentConsole.Data.Postgres AgentConsole.Data.Postgres/Migrations Postgres '
            // The history dashboard'"'"'s rollups: the fact tables and the triggers that keep them, filled from what the store holds.
            foreach (var sql in AgentConsole.Core.Metrics.Facts.FactsSql.Postgres.Install) migrationBuilder.Sql(sql);
' '            foreach (var sql in AgentConsole.Core.Metrics.Facts.FactsSql.Postgres.Uninstall) migrationBuilder.Sql(sql);

' -- --provider Postgres
