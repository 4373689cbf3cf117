using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Tests;

/// <summary>
/// A place page's JSON-LD checked against schema.org's vocabulary: Google's schema-dts types it, and the TypeScript
/// compiler refuses any property or value the type does not have, as a structured-data validator would.
/// </summary>
public sealed class PlaceStructuredDataTests
{
    private static readonly PlaceDetails Iness = new(Guid.CreateVersion7(), "IN'ESS", "coworking", "1 rue de l'Hôtel de Ville", "Narbonne", "11100", "11",
        43.184, 3.004, new Uri("https://www.iness.example/"), "contact@iness.example", "Coworking, fablab et centre de formation </script>",
        ["coworking", "fablab-machines"], "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off", true, "Rampe d'accès", "+33 4 68 00 00 00",
        [new Uri("https://www.iness.example/photo.jpg")], "IN'ESS", "active", null, DateTimeOffset.UnixEpoch);

    private static readonly Uri Page = new("https://tiers-lieux.example/lieux/iness");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_place_page_describes_a_LocalBusiness_that_schema_org_s_vocabulary_accepts()
    {
        var json = PlaceStructuredData.Of(Iness, Page, Iness.Description!);

        var (exit, output) = await CheckAsync(json, "LocalBusiness");

        Assert.True(exit == 0, output);
        var data = JsonNode.Parse(json)!;
        Assert.Equal(["Mo-Fr 09:00-12:00", "Mo-Fr 14:00-18:00", "Sa 09:00-12:00"], data["openingHours"]!.AsArray().Select(span => span!.GetValue<string>()));
        Assert.Equal("contact@iness.example", data["email"]!.GetValue<string>());
        Assert.DoesNotContain("</script>", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_refuses_what_a_bare_Place_does_not_have()
    {
        // The description the pages gave before: a Place has neither an e-mail address nor opening hours in schema.org.
        var json = PlaceStructuredData.Of(Iness, Page, Iness.Description!).Replace("\"@type\":\"LocalBusiness\"", "\"@type\":\"Place\"", StringComparison.Ordinal);

        var (exit, output) = await CheckAsync(json, "Place");

        Assert.NotEqual(0, exit);
        Assert.Contains("email", output, StringComparison.Ordinal);
    }

    /// <summary>Compiles <c>const data: WithContext&lt;type&gt; = json</c> with schema-dts; the compiler's exit code and its messages.</summary>
    private static async Task<(int Exit, string Output)> CheckAsync(string json, string type)
    {
        var nodeModules = typeof(PlaceStructuredDataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "NodeModules").Value!;
        // Beside node_modules, so that the compiler resolves schema-dts from there.
        var directory = Directory.CreateDirectory(Path.Combine(nodeModules, "..", "obj", "schema-org-check", Guid.NewGuid().ToString("N")));
        try
        {
            var source = Path.Combine(directory.FullName, "check.ts");
            await File.WriteAllTextAsync(source, $"import type {{ {type}, WithContext }} from \"schema-dts\";\nexport const data: WithContext<{type}> = {json};\n", Cancel);
            var start = new ProcessStartInfo(Path.Combine(nodeModules, ".bin", "tsc"), ["--noEmit", "--strict", "--skipLibCheck", source])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory.FullName,
            };
            using var compiler = Process.Start(start)!;
            var output = compiler.StandardOutput.ReadToEndAsync(Cancel);
            var errors = compiler.StandardError.ReadToEndAsync(Cancel);
            await compiler.WaitForExitAsync(Cancel);
            return (compiler.ExitCode, await output + await errors);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
