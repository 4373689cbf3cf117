using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersLieux.Membership.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class IdentityKeyRotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_IdentityKeys",
                schema: "membership",
                table: "IdentityKeys");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ActiveFrom",
                schema: "membership",
                table: "IdentityKeys",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // The one key of each use so far has been in use since it was written.
            migrationBuilder.Sql("UPDATE membership.\"IdentityKeys\" SET \"ActiveFrom\" = \"CreatedAt\"");

            migrationBuilder.AddPrimaryKey(
                name: "PK_IdentityKeys",
                schema: "membership",
                table: "IdentityKeys",
                column: "KeyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_IdentityKeys",
                schema: "membership",
                table: "IdentityKeys");

            // One key of each use again: the one in use (tokens signed by the others stop validating).
            migrationBuilder.Sql("DELETE FROM membership.\"IdentityKeys\" k WHERE EXISTS (SELECT 1 FROM membership.\"IdentityKeys\" n WHERE n.\"Use\" = k.\"Use\" AND n.\"ActiveFrom\" <= now() AND n.\"ActiveFrom\" > k.\"ActiveFrom\") OR k.\"ActiveFrom\" > now()");

            migrationBuilder.DropColumn(
                name: "ActiveFrom",
                schema: "membership",
                table: "IdentityKeys");

            migrationBuilder.AddPrimaryKey(
                name: "PK_IdentityKeys",
                schema: "membership",
                table: "IdentityKeys",
                column: "Use");
        }
    }
}
