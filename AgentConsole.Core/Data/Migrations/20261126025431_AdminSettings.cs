using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentConsole.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdminSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SettingChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OldValue = table.Column<string>(type: "TEXT", nullable: false),
                    NewValue = table.Column<string>(type: "TEXT", nullable: false),
                    Reset = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettingChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Settings", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SettingChanges_ChangedAt",
                table: "SettingChanges",
                column: "ChangedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SettingChanges_Key",
                table: "SettingChanges",
                column: "Key");

            // The settings audit is history: the store itself refuses to rewrite it.
            migrationBuilder.Sql("CREATE TRIGGER SettingChanges_NoUpdate BEFORE UPDATE ON SettingChanges BEGIN SELECT RAISE(ABORT, 'SettingChanges is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER SettingChanges_NoDelete BEFORE DELETE ON SettingChanges BEGIN SELECT RAISE(ABORT, 'SettingChanges is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS SettingChanges_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS SettingChanges_NoDelete;");

            migrationBuilder.DropTable(
                name: "SettingChanges");

            migrationBuilder.DropTable(
                name: "Settings");
        }
    }
}
