using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersLieux.Equipment.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RecognitionEventsAndLapses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LapseAnnouncedAt",
                schema: "equipment",
                table: "Qualifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RecognitionVersion",
                schema: "equipment",
                table: "Places",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LapseAnnouncedAt",
                schema: "equipment",
                table: "Qualifications");

            migrationBuilder.DropColumn(
                name: "RecognitionVersion",
                schema: "equipment",
                table: "Places");
        }
    }
}
