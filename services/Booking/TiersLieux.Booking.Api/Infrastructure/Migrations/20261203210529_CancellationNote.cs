using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersLieux.Booking.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CancellationNote : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CancellationNote",
                schema: "booking",
                table: "Bookings",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CancellationNote",
                schema: "booking",
                table: "Bookings");
        }
    }
}
