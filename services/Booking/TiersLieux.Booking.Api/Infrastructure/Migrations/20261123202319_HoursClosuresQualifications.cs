using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersLieux.Booking.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class HoursClosuresQualifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MachineVersion",
                schema: "booking",
                table: "Resources",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "RequiredQualification",
                schema: "booking",
                table: "Resources",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StatusVersion",
                schema: "booking",
                table: "Resources",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<List<Guid>>(
                name: "AcceptedPlaceIds",
                schema: "booking",
                table: "Places",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "OpeningHours",
                schema: "booking",
                table: "Places",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Recognition",
                schema: "booking",
                table: "Places",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "All");

            migrationBuilder.AddColumn<int>(
                name: "RecognitionVersion",
                schema: "booking",
                table: "Places",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Closures",
                schema: "booking",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Closures", x => x.Id);
                    table.CheckConstraint("CK_Closures_Period", "\"EndsAt\" > \"StartsAt\"");
                    table.ForeignKey(
                        name: "FK_Closures_Places_PlaceId",
                        column: x => x.PlaceId,
                        principalSchema: "booking",
                        principalTable: "Places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Qualifications",
                schema: "booking",
                columns: table => new
                {
                    QualificationId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    GrantedAtPlaceId = table.Column<Guid>(type: "uuid", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Qualifications", x => x.QualificationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Closures_PlaceId_StartsAt",
                schema: "booking",
                table: "Closures",
                columns: new[] { "PlaceId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Qualifications_MemberId_Code",
                schema: "booking",
                table: "Qualifications",
                columns: new[] { "MemberId", "Code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Closures",
                schema: "booking");

            migrationBuilder.DropTable(
                name: "Qualifications",
                schema: "booking");

            migrationBuilder.DropColumn(
                name: "MachineVersion",
                schema: "booking",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "RequiredQualification",
                schema: "booking",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "StatusVersion",
                schema: "booking",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "AcceptedPlaceIds",
                schema: "booking",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "OpeningHours",
                schema: "booking",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "Recognition",
                schema: "booking",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "RecognitionVersion",
                schema: "booking",
                table: "Places");
        }
    }
}
