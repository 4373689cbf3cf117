using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersLieux.Directory.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PlaceExternalId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                schema: "directory",
                table: "Places",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Places_ExternalId",
                schema: "directory",
                table: "Places",
                column: "ExternalId",
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Places_ExternalId",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                schema: "directory",
                table: "Places");
        }
    }
}
