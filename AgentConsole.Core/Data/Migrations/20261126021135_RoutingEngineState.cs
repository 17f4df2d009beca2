using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentConsole.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RoutingEngineState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AutoAssign",
                table: "Teams",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "LeadAgentId",
                table: "Teams",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BugReport",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CapacityOverride",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ExcludedAgentIds",
                table: "Cases",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstRepliedAt",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstReplyDueAt",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OfferExpiresAt",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OfferedAgentId",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OfferedAt",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RoutingExplanation",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RoutingSummary",
                table: "Cases",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TeamId",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AwayForDisconnect",
                table: "Agents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PresenceBeforeAway",
                table: "Agents",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UnavailableSince",
                table: "Agents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OfferedAgentId",
                table: "Cases",
                column: "OfferedAgentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_OfferedAgentId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "AutoAssign",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "LeadAgentId",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "BugReport",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "CapacityOverride",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ExcludedAgentIds",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "FirstRepliedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "FirstReplyDueAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "OfferExpiresAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "OfferedAgentId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "OfferedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RoutingExplanation",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RoutingSummary",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "AwayForDisconnect",
                table: "Agents");

            migrationBuilder.DropColumn(
                name: "PresenceBeforeAway",
                table: "Agents");

            migrationBuilder.DropColumn(
                name: "UnavailableSince",
                table: "Agents");
        }
    }
}
