using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersLieux.Directory.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class UsageIndicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UsageTallies",
                schema: "directory",
                columns: table => new
                {
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PlaceId = table.Column<Guid>(type: "uuid", nullable: true),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageTallies", x => x.SourceId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UsageTallies_At",
                schema: "directory",
                table: "UsageTallies",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UsageTallies",
                schema: "directory");
        }
    }
}
