using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace TiersLieux.Directory.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PlaceProfileAndSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:unaccent", ",,");

            // Written by hand: French text search that folds accents, for the generated SearchVector column below.
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH CONFIGURATION directory.french_unaccent (COPY = pg_catalog.french);
                ALTER TEXT SEARCH CONFIGURATION directory.french_unaccent
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
                """);

            migrationBuilder.AddColumn<string>(
                name: "AccessibilityNotes",
                schema: "directory",
                table: "Places",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Description",
                schema: "directory",
                table: "Places",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LabelEdition",
                schema: "directory",
                table: "Places",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LabelledUntil",
                schema: "directory",
                table: "Places",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<NpgsqlRange<int>[]>(
                name: "OpenWeekly",
                schema: "directory",
                table: "Places",
                type: "int4multirange",
                nullable: false,
                defaultValue: new NpgsqlRange<int>[0]);

            migrationBuilder.AddColumn<string>(
                name: "OpeningHours",
                schema: "directory",
                table: "Places",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OperatorName",
                schema: "directory",
                table: "Places",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                schema: "directory",
                table: "Places",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "PhotoUrls",
                schema: "directory",
                table: "Places",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<List<string>>(
                name: "Services",
                schema: "directory",
                table: "Places",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "Status",
                schema: "directory",
                table: "Places",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Active");

            migrationBuilder.AddColumn<bool>(
                name: "WheelchairAccessible",
                schema: "directory",
                table: "Places",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "SearchVector",
                schema: "directory",
                table: "Places",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "setweight(to_tsvector('directory.french_unaccent'::regconfig, coalesce(\"Name\", '')), 'A') || setweight(to_tsvector('directory.french_unaccent'::regconfig, coalesce(\"Commune\", '') || ' ' || coalesce(\"OperatorName\", '')), 'B') || setweight(to_tsvector('directory.french_unaccent'::regconfig, coalesce(\"Description\", '')), 'C')",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Places_SearchVector",
                schema: "directory",
                table: "Places",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_Places_Services",
                schema: "directory",
                table: "Places",
                column: "Services")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Places_SearchVector",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropIndex(
                name: "IX_Places_Services",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "SearchVector",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "AccessibilityNotes",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "Description",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "LabelEdition",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "LabelledUntil",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "OpenWeekly",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "OpeningHours",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "OperatorName",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "Phone",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "PhotoUrls",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "Services",
                schema: "directory",
                table: "Places");

            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION directory.french_unaccent;");

            migrationBuilder.DropColumn(
                name: "Status",
                schema: "directory",
                table: "Places");

            migrationBuilder.DropColumn(
                name: "WheelchairAccessible",
                schema: "directory",
                table: "Places");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:unaccent", ",,");
        }
    }
}
