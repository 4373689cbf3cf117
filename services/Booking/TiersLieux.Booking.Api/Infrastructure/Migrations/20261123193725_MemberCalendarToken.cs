using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersLieux.Booking.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class MemberCalendarToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CalendarToken",
                schema: "booking",
                table: "Members",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_CalendarToken",
                schema: "booking",
                table: "Members",
                column: "CalendarToken",
                unique: true,
                filter: "\"CalendarToken\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_CalendarToken",
                schema: "booking",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "CalendarToken",
                schema: "booking",
                table: "Members");
        }
    }
}
