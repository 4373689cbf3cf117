using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersLieux.Directory.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class NetworkAgenda : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NetworkEvents",
                schema: "directory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PlaceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IsCancelled = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkEvents", x => x.Id);
                    table.CheckConstraint("CK_NetworkEvents_EndsAfterStart", "\"EndsAt\" > \"StartsAt\"");
                    table.ForeignKey(
                        name: "FK_NetworkEvents_Places_PlaceId",
                        column: x => x.PlaceId,
                        principalSchema: "directory",
                        principalTable: "Places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NetworkEvents_PlaceId",
                schema: "directory",
                table: "NetworkEvents",
                column: "PlaceId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkEvents_StartsAt",
                schema: "directory",
                table: "NetworkEvents",
                column: "StartsAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NetworkEvents",
                schema: "directory");
        }
    }
}
