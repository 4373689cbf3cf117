using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace TiersLieux.ServiceDefaults.Http;

/// <summary>
/// Examples for the operators' frontend developers reading the reference page: a request body for every operation
/// that takes one, built from its schema (plausible values chosen by property name and format, enums' first value),
/// and a problem+json answer for every error status. Built from the schema, so an example never drifts from it.
/// </summary>
internal static class OpenApiExamples
{
    private const int MaxDepth = 4;

    public static void Add(OpenApiDocument document)
    {
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(path => path.Operations ?? []).Select(pair => pair.Value))
        {
            if (operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var body) && body.Schema is { } schema)
            {
                body.Example ??= Example(document, schema, name: null, depth: 0);
            }

            foreach (var (status, response) in operation.Responses ?? [])
            {
                if (response.Content is { } answers && answers.TryGetValue("application/problem+json", out var problem))
                {
                    problem.Example ??= Problem(status, response.Description);
                }
            }
        }
    }

    private static JsonObject Problem(string status, string? description) => new()
    {
        ["type"] = "https://www.rfc-editor.org/rfc/rfc9110",
        ["title"] = status switch
        {
            "400" => "The request could not be read.",
            "401" => "Unauthorized",
            "403" => "You may not do this.",
            "404" => "Not found.",
            "409" => "The request conflicts with the current state.",
            "422" => "The request breaks one or more rules.",
            "429" => "Too many requests.",
            _ => "An error.",
        },
        ["status"] = int.Parse(status, CultureInfo.InvariantCulture),
        ["detail"] = description,
        ["traceId"] = "4bf92f3577b34da6a3ce929d0e0e4736",
    };

    private static JsonNode? Example(OpenApiDocument document, IOpenApiSchema schema, string? name, int depth)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            return reference.Reference.Id is { } id && document.Components?.Schemas?.TryGetValue(id, out var target) == true
                ? Example(document, target, name, depth)
                : null;
        }

        if (depth > MaxDepth)
        {
            return null;
        }

        if (schema.Enum is { Count: > 0 } values)
        {
            return values.First(value => value is not null)?.DeepClone();
        }

        if (schema.OneOf is { Count: > 0 } options)
        {
            return options.Select(option => Example(document, option, name, depth)).FirstOrDefault(example => example is not null);
        }

        var type = schema.Type ?? 0;
        if (type == JsonSchemaType.Null)
        {
            return null;
        }

        if (type.HasFlag(JsonSchemaType.Object) || schema.Properties is { Count: > 0 })
        {
            var example = new JsonObject();
            foreach (var (property, propertySchema) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                example[property] = Example(document, propertySchema, property, depth + 1);
            }

            if (example.Count == 0 && schema.AdditionalProperties is { } entries)
            {
                example[name == "includedHours" ? "machine" : "key"] = Example(document, entries, null, depth + 1);
            }

            return example;
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            return schema.Items is { } items ? new JsonArray(Example(document, items, Singular(name), depth + 1)) : new JsonArray();
        }

        if (type.HasFlag(JsonSchemaType.Integer))
        {
            return Integer(name);
        }

        if (type.HasFlag(JsonSchemaType.Number))
        {
            return name switch
            {
                "latitude" => 43.1843,
                "longitude" => 3.0039,
                _ => 1.5,
            };
        }

        if (type.HasFlag(JsonSchemaType.Boolean))
        {
            return true;
        }

        return schema.Format switch
        {
            "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "date-time" => name is { } n && n.StartsWith("ends", StringComparison.Ordinal) ? "2026-12-01T11:00:00+01:00" : "2026-12-01T09:00:00+01:00",
            "date" => name is { } c && c.Contains("Closes", StringComparison.Ordinal) ? "2027-01-31" : "2026-12-01",
            _ => Text(name),
        };
    }

    private static string? Singular(string? name) => name is { Length: > 1 } && name.EndsWith('s') ? name[..^1] : name;

    private static JsonNode Integer(string? name) => name switch
    {
        "priceCents" => 4500,
        "hourlyCostCents" => 1200,
        "capacity" or "seats" => 8,
        "minimum" => 3,
        "edition" => 2027,
        "validityDays" => 30,
        _ when name?.EndsWith("Minutes", StringComparison.Ordinal) == true => 60,
        _ when name?.EndsWith("Months", StringComparison.Ordinal) == true => 24,
        _ => 1,
    };

    private static string Text(string? name) => name switch
    {
        "email" or "contactEmail" => "lea.martin@example.org",
        "firstName" => "Léa",
        "lastName" => "Martin",
        "phone" => "+33 4 68 00 00 00",
        "address" => "Rue de l'Ancien Courrier",
        "commune" => "Narbonne",
        "postcode" => "11100",
        "department" => "11",
        "website" or "url" => "https://www.example.org/",
        "siret" => "73282932000074",
        "typology" => "coworking",
        "openingHours" => "Mo-Fr 09:00-18:00",
        "code" or "requiredQualification" or "qualificationCode" => "laser-safety",
        "currentPassword" or "newPassword" => "a long passphrase of yours",
        _ when name?.Contains("name", StringComparison.OrdinalIgnoreCase) == true => "IN'ESS Grand Narbonne",
        _ => "Texte libre",
    };
}
