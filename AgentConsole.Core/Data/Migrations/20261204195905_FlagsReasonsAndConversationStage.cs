using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentConsole.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class FlagsReasonsAndConversationStage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Status",
                table: "Conversations",
                newName: "Stage");

            // The conversation keeps only its own stage; where its case is in routing is the case's status.
            migrationBuilder.Sql("UPDATE Conversations SET Stage = CASE Stage WHEN 'BotActive' THEN 'WithBot' WHEN 'Resolved' THEN 'Resolved' WHEN 'Closed' THEN 'Closed' ELSE 'WithHumans' END;");

            migrationBuilder.RenameIndex(
                name: "IX_Conversations_Status_FirstCustomerMessageAt",
                table: "Conversations",
                newName: "IX_Conversations_Stage_FirstCustomerMessageAt");

            migrationBuilder.RenameIndex(
                name: "IX_Conversations_Status",
                table: "Conversations",
                newName: "IX_Conversations_Stage");

            migrationBuilder.AddColumn<string>(
                name: "Comment",
                table: "CaseEvents",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "CaseEvents",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FeedbackFlags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Flag = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ActorKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackFlags_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackFlags_CaseId_Flag_ActorId",
                table: "FeedbackFlags",
                columns: new[] { "CaseId", "Flag", "ActorId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeedbackFlags");

            migrationBuilder.DropColumn(
                name: "Comment",
                table: "CaseEvents");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "CaseEvents");

            migrationBuilder.RenameColumn(
                name: "Stage",
                table: "Conversations",
                newName: "Status");

            migrationBuilder.Sql("UPDATE Conversations SET Status = CASE Status WHEN 'WithBot' THEN 'BotActive' WHEN 'WithHumans' THEN 'Escalated' ELSE Status END;");

            migrationBuilder.RenameIndex(
                name: "IX_Conversations_Stage_FirstCustomerMessageAt",
                table: "Conversations",
                newName: "IX_Conversations_Status_FirstCustomerMessageAt");

            migrationBuilder.RenameIndex(
                name: "IX_Conversations_Stage",
                table: "Conversations",
                newName: "IX_Conversations_Status");
        }
    }
}
