using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersLieux.Membership.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditTrail",
                schema: "membership",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Service = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    ActorSubject = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ActorRole = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ObjectType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ObjectId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    PlaceIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditTrail", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_ActorSubject_OccurredAt",
                schema: "membership",
                table: "AuditTrail",
                columns: new[] { "ActorSubject", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_MemberId_OccurredAt",
                schema: "membership",
                table: "AuditTrail",
                columns: new[] { "MemberId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_OccurredAt",
                schema: "membership",
                table: "AuditTrail",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_PlaceIds",
                schema: "membership",
                table: "AuditTrail",
                column: "PlaceIds")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditTrail",
                schema: "membership");
        }
    }
}
