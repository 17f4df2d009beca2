using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentConsole.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseNotesFlagsCategory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ResolvedCategory",
                table: "Cases",
                type: "TEXT",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResolvedCategory",
                table: "Cases");
        }
    }
}
