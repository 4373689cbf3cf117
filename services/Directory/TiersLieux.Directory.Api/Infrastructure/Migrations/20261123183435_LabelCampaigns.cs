using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersLieux.Directory.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LabelCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LabelCampaigns",
                schema: "directory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Edition = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CallOpensOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CallClosesOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LabelValidityMonths = table.Column<int>(type: "integer", nullable: false),
                    Criteria = table.Column<string>(type: "jsonb", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabelCampaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LabelApplications",
                schema: "directory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Statement = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    IsRenewal = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reviews = table.Column<string>(type: "jsonb", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabelApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LabelApplications_LabelCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalSchema: "directory",
                        principalTable: "LabelCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LabelApplications_Places_PlaceId",
                        column: x => x.PlaceId,
                        principalSchema: "directory",
                        principalTable: "Places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LabelApplications_CampaignId_PlaceId",
                schema: "directory",
                table: "LabelApplications",
                columns: new[] { "CampaignId", "PlaceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LabelApplications_PlaceId",
                schema: "directory",
                table: "LabelApplications",
                column: "PlaceId");

            migrationBuilder.CreateIndex(
                name: "IX_LabelCampaigns_Edition",
                schema: "directory",
                table: "LabelCampaigns",
                column: "Edition",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LabelApplications",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "LabelCampaigns",
                schema: "directory");
        }
    }
}
