using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.EndToEnd.Tests.Security;

/// <summary>
/// Every route, fed what a careless or hostile client sends: malformed JSON, wrong types, empty and null bodies,
/// strings too long for any field, broken unicode, SQL and HTML metacharacters in ids, values and query strings.
/// Each must be a 4xx problem+json (never a 500), and afterwards every table holds exactly what it held before.
/// The requests are the network team's (authorization never hides what validation would say).
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class MalformedInputTests(SecurityFixture system)
{
    private const string LoneSurrogate = "__lone_surrogate__";

    private static readonly string[] Metacharacters =
    [
        "1' OR '1'='1' --", "\"; DROP TABLE places; --", "<script>alert(1)</script>", "../../../etc/passwd", "${jndi:ldap://x}", "😀‮", new string('9', 400),
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Malformed_input_on_every_route_is_a_4xx_problem_and_writes_nothing()
    {
        var before = await system.QuietSnapshotAsync();
        var failures = new List<string>();
        var sent = 0;
        foreach (var route in RouteCatalogue.All)
        {
            var operation = system.Surface.Single(operation => operation.Key == route.Key);
            foreach (var (variant, request, mayPass) in Variants(route, operation))
            {
                sent++;
                using (request)
                using (var response = await system.Admin.SendAsync(request, Cancel))
                {
                    var status = (int)response.StatusCode;
                    var refused = status is >= 400 and < 500 && OwaspApiTests.IsProblem(response);
                    if (status >= 500 || (!refused && !mayPass))
                    {
                        failures.Add($"{route.Key} — {variant}: {status} {await OwaspApiTests.Text(response)}");
                    }
                }
            }
        }

        var after = await system.QuietSnapshotAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"{sent} malformed requests over {RouteCatalogue.All.Count} routes.");
        Assert.True(sent > 1000, $"only {sent} malformed requests: the variants are not being built");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests were not refused as they should be:\n" + string.Join('\n', failures));
        Assert.Empty(DatabaseSnapshot.Changed(before, after));
    }

    /// <summary>The malformed requests for one route; mayPass marks those a correct service may answer 2xx (free text searched for).</summary>
    private IEnumerable<(string Variant, HttpRequestMessage Request, bool MayPass)> Variants(RouteCase route, ApiOperation operation)
    {
        var valid = route.Request(system.World.A);
        var path = valid.RequestUri!.OriginalString;
        var pathOnly = path.Split('?')[0];

        // Ids and codes in the path.
        var templateSegments = operation.Template.Split('/');
        var segments = pathOnly.Split('/');
        for (var index = 0; index < templateSegments.Length; index++)
        {
            if (!templateSegments[index].Contains('{', StringComparison.Ordinal))
            {
                continue;
            }

            var name = templateSegments[index][templateSegments[index].IndexOf('{', StringComparison.Ordinal)..(templateSegments[index].IndexOf('}', StringComparison.Ordinal) + 1)];
            foreach (var junk in Metacharacters)
            {
                var broken = segments.ToArray();
                broken[index] = templateSegments[index].Replace(name, Uri.EscapeDataString(junk), StringComparison.Ordinal);
                yield return ($"path {name} = {Shorten(junk)}", new HttpRequestMessage(valid.Method, string.Join('/', broken)) { Content = route.Body?.Invoke(system.World.A) }, false);
            }
        }

        // Query values: typed ones must be refused; free text may be searched for, but a NUL never.
        foreach (var (name, schema) in operation.Query)
        {
            var freeText = ApiSurface.Types(schema).SequenceEqual(["string"]) && schema["format"] is null;
            foreach (var junk in Metacharacters.Append("a\0b"))
            {
                var query = $"{name}={Uri.EscapeDataString(junk)}";
                yield return ($"query {name} = {Shorten(junk)}", new HttpRequestMessage(valid.Method, $"{pathOnly}?{query}"), freeText && !junk.Contains('\0', StringComparison.Ordinal));
            }
        }

        if (operation.BodyType is null)
        {
            yield break;
        }

        if (operation.BodyType != "application/json")
        {
            yield return ("binary garbage", Raw(valid.Method, path, [0xFF, 0xFE, 0x00, 0xC3, 0x28], operation.BodyType), false);
            yield return ("empty body", Raw(valid.Method, path, [], operation.BodyType), false);
            yield break;
        }

        foreach (var (variant, body) in new[]
                 {
                     ("malformed JSON", "{\"name\": "), ("empty body", ""), ("null", "null"), ("an array", "[]"), ("a string", "\"' OR 1=1 --\""),
                     ("HTML instead of JSON", "<html><script>alert(1)</script></html>"), ("trailing garbage", "{} {}"), ("deep nesting", new string('[', 5000) + new string(']', 5000)),
                 })
        {
            // An optional body (a cancellation's note) may be left out: empty or JSON null is no body, not a malformed one.
            if (variant is "empty body" or "null" && operation.BodyOptional)
            {
                continue;
            }

            yield return (variant, Raw(valid.Method, path, Encoding.UTF8.GetBytes(body), "application/json"), false);
        }

        yield return ("invalid UTF-8", Raw(valid.Method, path, [.. "{\"name\":\""u8, 0xC3, 0x28, .. "\"}"u8], "application/json"), false);

        var example = operation.BodyExample as JsonObject ?? [];
        foreach (var (property, schema) in operation.BodyProperties)
        {
            foreach (var (variant, value) in WrongValues(schema))
            {
                var body = example.DeepClone().AsObject();
                body[property] = value;
                var text = body.ToJsonString().Replace($"\"{LoneSurrogate}\"", "\"\\ud800 alone\"", StringComparison.Ordinal);
                yield return ($"{property}: {variant}", Raw(valid.Method, path, Encoding.UTF8.GetBytes(text), "application/json"), false);
            }
        }
    }

    /// <summary>Values that no correct reading of the property's schema accepts.</summary>
    private static IEnumerable<(string Variant, JsonNode? Value)> WrongValues(JsonObject schema)
    {
        var types = ApiSurface.Types(schema);
        var format = schema["format"]?.GetValue<string>();
        if (types.Contains("string") && format is null)
        {
            yield return ("a number for text", 12345);
            yield return ("an object for text", new JsonObject { ["$ne"] = "" });
            yield return ("text longer than any field", new string('é', ClientText.MaxLength + 1));
            yield return ("a NUL character", "Fab\0lab");
            yield return ("a control character", "Fab\u001blab");
            yield return ("a lone surrogate", LoneSurrogate);
        }
        else if (types.Contains("string"))
        {
            // uuid, date, date-time (and numbers read from strings): metacharacters instead.
            yield return ($"metacharacters for {format}", "' OR 1=1; --<script>");
            yield return ($"an impossible {format}", format == "uuid" ? "00000000-0000-0000-0000-00000000000G" : "2026-13-45T25:61:00");
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            yield return ("metacharacters for a number", "1; DROP TABLE x");
            yield return ("a number beyond any type", JsonNode.Parse("1e999"));
            yield return ("an array for a number", new JsonArray(1, 2));
        }

        if (types.Contains("boolean"))
        {
            yield return ("text for a boolean", "<b>yes</b>");
        }

        if (types.Contains("array"))
        {
            yield return ("text for a list", "x");
            yield return ("a list of lists", new JsonArray(new JsonArray(new JsonArray())));
        }

        if (types.Contains("object"))
        {
            yield return ("a number for an object", 7);
        }

        if (types.Contains("enum"))
        {
            yield return ("an unknown value", "'; DROP TABLE x; --");
            yield return ("a number for a name", 1);
        }
    }

    private static HttpRequestMessage Raw(HttpMethod method, string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new HttpRequestMessage(method, path) { Content = content };
    }

    private static string Shorten(string text) => text.Length > 24 ? text[..24] + "…" : text.Replace("\0", "\\0", StringComparison.Ordinal);
}
