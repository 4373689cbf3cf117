using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersLieux.Training.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class EnrolmentCancellationReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CancellationReason",
                schema: "training",
                table: "Enrolments",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CancellationReason",
                schema: "training",
                table: "Enrolments");
        }
    }
}
