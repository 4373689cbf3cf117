using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersLieux.Notifications.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PreferencesAndReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Category",
                schema: "notifications",
                table: "OutgoingMails",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                // Mails queued before categories existed: their category only matters to an unsubscribe link, which they have none of.
                defaultValue: "Account");

            migrationBuilder.AddColumn<string>(
                name: "UnsubscribeToken",
                schema: "notifications",
                table: "OutgoingMails",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EmailOptOuts",
                schema: "notifications",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailOptOuts", x => new { x.MemberId, x.Category });
                    table.ForeignKey(
                        name: "FK_EmailOptOuts_Recipients_MemberId",
                        column: x => x.MemberId,
                        principalSchema: "notifications",
                        principalTable: "Recipients",
                        principalColumn: "MemberId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Reminders",
                schema: "notifications",
                columns: table => new
                {
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlaceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reminders", x => new { x.SubjectId, x.Kind });
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingMails_UnsubscribeToken",
                schema: "notifications",
                table: "OutgoingMails",
                column: "UnsubscribeToken",
                unique: true,
                filter: "\"UnsubscribeToken\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_DueAt",
                schema: "notifications",
                table: "Reminders",
                column: "DueAt",
                filter: "\"SentAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_MemberId",
                schema: "notifications",
                table: "Reminders",
                column: "MemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmailOptOuts",
                schema: "notifications");

            migrationBuilder.DropTable(
                name: "Reminders",
                schema: "notifications");

            migrationBuilder.DropIndex(
                name: "IX_OutgoingMails_UnsubscribeToken",
                schema: "notifications",
                table: "OutgoingMails");

            migrationBuilder.DropColumn(
                name: "Category",
                schema: "notifications",
                table: "OutgoingMails");

            migrationBuilder.DropColumn(
                name: "UnsubscribeToken",
                schema: "notifications",
                table: "OutgoingMails");
        }
    }
}
