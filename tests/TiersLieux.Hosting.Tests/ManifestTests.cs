using System.Diagnostics;
using System.Text.Json.Nodes;
using TiersLieux.Testing;

namespace TiersLieux.Hosting.Tests;

/// <summary>Published, the same Program.cs describes a deployable system: Aspire's containers, not our local executables.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task The_manifest_lists_every_project_both_servers_as_containers_and_every_database()
    {
        var output = Path.Combine(Path.GetTempPath(), "tierslieux-manifest", Guid.NewGuid().ToString("N")[..12], "aspire-manifest.json");
        var appHost = ProjectOutputs.Assembly(ProjectOutputs.AppHost);
        using var process = Process.Start(new ProcessStartInfo("dotnet", [appHost, "--publisher", "manifest", "--output-path", output])
        {
            WorkingDirectory = Path.GetDirectoryName(appHost)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var log = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, await log);

        var resources = JsonNode.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken))!["resources"]!.AsObject();
        string Type(string name) => resources[name]?["type"]?.GetValue<string>() ?? "(missing)";
        Assert.Equal("container.v0", Type("postgres"));
        Assert.Equal("container.v0", Type("messaging"));
        foreach (var database in new[] { "directorydb", "membershipdb", "equipmentdb", "trainingdb", "bookingdb", "notificationsdb" })
        {
            Assert.Equal("value.v0", Type(database));
            Assert.Contains("{postgres.connectionString}", resources[database]!["connectionString"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        foreach (var project in new[] { "gateway", "web", "membership-api", "directory-api", "equipment-api", "training-api", "booking-api", "notifications-api" })
        {
            Assert.Equal("project.v0", Type(project));
        }

        Assert.Contains("{bookingdb.connectionString}", resources["booking-api"]!["env"]!["ConnectionStrings__bookingdb"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("parameter.v0", Type("network-console-secret"));
        // Published, mail goes through the SMTP relay whose connection string is given at deployment.
        Assert.Equal("parameter.v0", Type("smtp"));
        Assert.Contains("{smtp.connectionString}", resources["notifications-api"]!["env"]!["ConnectionStrings__smtp"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(resources, resource => resource.Value!["type"]!.GetValue<string>() == "executable.v0");
    }
}
