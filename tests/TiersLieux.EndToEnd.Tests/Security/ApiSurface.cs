using System.Text.Json.Nodes;
using TiersLieux.ServiceDefaults;
using TiersLieux.Topology;

namespace TiersLieux.EndToEnd.Tests.Security;

/// <summary>One operation of the public API as its service's OpenAPI document describes it.</summary>
public sealed record ApiOperation(string Method, string Template, bool Secured, string? BodyType, JsonObject? BodySchema, JsonNode? BodyExample,
    IReadOnlyDictionary<string, JsonObject> Query)
{
    /// <summary>The body may be left out (a cancellation's optional note): an empty one is not malformed.</summary>
    public bool BodyOptional { get; init; }

    public string Key => $"{Method} {Template}";

    /// <summary>The body's properties with their schemas, references resolved (empty without a JSON body).</summary>
    public IReadOnlyDictionary<string, JsonObject> BodyProperties { get; init; } = new Dictionary<string, JsonObject>();

    public override string ToString() => Key;
}

/// <summary>Every operation every service publishes, read through the gateway (/openapi/&lt;service&gt;.json).</summary>
public static class ApiSurface
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    public static async Task<IReadOnlyList<ApiOperation>> ReadAsync(HttpClient gateway)
    {
        var operations = new List<ApiOperation>();
        foreach (var service in ResourceNames.Services)
        {
            var document = JsonNode.Parse(await gateway.GetStringAsync($"/openapi/{service.Service}.json"))!.AsObject();
            var schemas = document["components"]?["schemas"]?.AsObject() ?? [];
            foreach (var (template, item) in document["paths"]!.AsObject())
            {
                foreach (var (method, operation) in item!.AsObject().Where(pair => Methods.Contains(pair.Key)))
                {
                    var content = operation!["requestBody"]?["content"]?.AsObject();
                    var (bodyType, media) = content?.FirstOrDefault() is { Key: { } type } first ? (type, first.Value) : (null, null);
                    var bodySchema = Resolve(media?["schema"], schemas);
                    var query = (operation["parameters"]?.AsArray() ?? [])
                        .Where(parameter => parameter!["in"]!.GetValue<string>() == "query")
                        .ToDictionary(parameter => parameter!["name"]!.GetValue<string>(), parameter => Resolve(parameter!["schema"], schemas) ?? []);
                    operations.Add(new ApiOperation(method.ToUpperInvariant(), template, operation["security"] is JsonArray { Count: > 0 },
                        bodyType, bodySchema, media?["example"]?.DeepClone(), query)
                    {
                        // OpenAPI's requestBody.required (false by default): an optional body may be left empty.
                        BodyOptional = operation["requestBody"] is JsonObject requestBody && requestBody["required"]?.GetValue<bool>() != true,
                        BodyProperties = (bodySchema?["properties"]?.AsObject() ?? [])
                            .ToDictionary(pair => pair.Key, pair => Resolve(pair.Value, schemas) ?? []),
                    });
                }
            }
        }

        return operations;
    }

    /// <summary>A schema with its $ref (or the non-null branch of a nullable oneOf) replaced by what it names.</summary>
    private static JsonObject? Resolve(JsonNode? schema, JsonObject schemas)
    {
        if (schema is not JsonObject value)
        {
            return null;
        }

        if (value["$ref"]?.GetValue<string>() is { } reference)
        {
            return Resolve(schemas[reference.Split('/')[^1]], schemas);
        }

        if (value["oneOf"] is JsonArray options && options.FirstOrDefault(option => option?["$ref"] is not null) is { } named)
        {
            return Resolve(named, schemas);
        }

        return value;
    }

    /// <summary>The schema's types (type may be one name or a list, e.g. ["null", "string"]).</summary>
    public static IReadOnlyList<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray list => list.Select(type => type!.GetValue<string>()).Where(type => type != "null").ToList(),
        JsonValue single => [single.GetValue<string>()],
        _ => schema["enum"] is not null ? ["enum"] : schema["properties"] is not null ? ["object"] : [],
    };
}
