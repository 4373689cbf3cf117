using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace TiersLieux.ServiceDefaults.Http;

/// <summary>
/// Every service's OpenAPI 3.1 document at <see cref="DocumentPath"/> (Microsoft.AspNetCore.OpenApi), served by the
/// gateway as <c>/openapi/&lt;service&gt;.json</c> beside one Scalar reference page. Each operation lists the
/// problem+json answers it can give (RFC 9457) and the bearer token it needs; the server is the gateway's origin.
/// </summary>
public static class OpenApiDefaults
{
    public const string DocumentPath = "/openapi/v1.json";

    public const string ProblemSchema = "ProblemDetails";

    private const string BearerScheme = "bearer";

    public static IServiceCollection AddPlatformOpenApi(this IServiceCollection services, string serviceName)
    {
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = $"TiersLieux {serviceName} API";
                document.Info.Description = "Through the gateway of the Occitanie tiers-lieux network. Errors are RFC 9457 problem+json with a traceId; "
                    + "protected operations take a bearer token from membership's OpenID Connect server (audience tierslieux-api).";
                // Relative: the reference page and clients call through whichever origin served the document (the gateway).
                document.Servers = [new OpenApiServer { Url = "/" }];
                document.Components ??= new OpenApiComponents();
                document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
                document.Components.Schemas[ProblemSchema] = Problem();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token from /connect/token (client credentials) or the code flow with PKCE.",
                };
                OpenApiExamples.Add(document);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // ClientTextConverter reads every string; a custom converter hides the type from the schema exporter.
                if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
                {
                    schema.Type = IsNullable(context.JsonPropertyInfo) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var path = context.Description.RelativePath ?? "";
                var method = context.Description.HttpMethod ?? "GET";
                var takesBody = context.Description.ParameterDescriptions.Any(p => p.Source.Id == "Body");
                operation.Responses ??= new OpenApiResponses();
                void Answer(string status, string description)
                {
                    if (!operation.Responses.ContainsKey(status))
                    {
                        operation.Responses[status] = new OpenApiResponse
                        {
                            Description = description,
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                            },
                        };
                    }
                }

                Answer("400", "Unreadable input: malformed JSON, a wrong type, a bad query value.");
                if (takesBody || method is "POST" or "PUT" or "PATCH")
                {
                    Answer("422", "Invalid input: errors name each field (errors.<field>) or the rule broken.");
                    Answer("409", "Refused by a rule of the current state (the problem's rule or detail says which).");
                }

                if (path.Contains('{', StringComparison.Ordinal))
                {
                    Answer("404", "No such object, or not one the caller may see.");
                }

                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    Answer("401", "No valid bearer token (missing, expired, wrong signature, audience or issuer).");
                    Answer("403", "Signed in, but not allowed to do this (not the member, not an operator of the place).");
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
                }

                Answer("429", "Too many requests from this client or subject: retry after the Retry-After header's seconds.");
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Maps the document at <see cref="DocumentPath"/>; anyone may read it (it says nothing secret).</summary>
    public static WebApplication MapPlatformOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        return app;
    }

    private static bool IsNullable(System.Text.Json.Serialization.Metadata.JsonPropertyInfo? property) => property?.AttributeProvider switch
    {
        System.Reflection.PropertyInfo info => new System.Reflection.NullabilityInfoContext().Create(info).WriteState != System.Reflection.NullabilityState.NotNull,
        System.Reflection.ParameterInfo info => new System.Reflection.NullabilityInfoContext().Create(info).WriteState != System.Reflection.NullabilityState.NotNull,
        _ => false,
    };

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI naming the kind of problem." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Short, the same for every problem of its kind." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status code." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong this time, in words." },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Finds the request in the ops dashboard." },
            ["rule"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "For refusals (409): the rule that refused, e.g. period-taken." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "For invalid input (422): messages per field.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}
