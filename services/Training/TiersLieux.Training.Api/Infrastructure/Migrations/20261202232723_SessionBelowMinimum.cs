using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersLieux.Training.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SessionBelowMinimum : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "BelowMinimumAnnouncedAt",
                schema: "training",
                table: "Sessions",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BelowMinimumAnnouncedAt",
                schema: "training",
                table: "Sessions");
        }
    }
}
