using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TiersLieux.ServiceDefaults.Http;

/// <summary>
/// The platform's RFC 9457 answers, so every service words its refusals alike: 422 for input that parses but
/// breaks a rule (with the errors per field), 404 for an unknown or invisible id, 409 for a conflict with the
/// current state. Malformed requests get 400 from <see cref="BadRequestExceptionHandler"/>.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request breaks one or more rules.",
            Detail = detail ?? string.Join(" ", errors.SelectMany(pair => pair.Value)),
            Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        });

    public static ProblemHttpResult Invalid(Validation.Errors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Invalid(errors.ToDictionary());
    }

    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: $"{what} not found.",
            detail: $"No {what.ToLowerInvariant()} with id '{id}' exists, or you may not see it.",
            type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5");

    /// <summary>
    /// 403: the caller may see the object but not do this to it (an operator changing another place's object it can
    /// read). Objects a caller may not even see answer <see cref="NotFound"/>, so their existence does not leak.
    /// </summary>
    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You may not do this.", detail: detail,
            type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4");

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail,
            type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10");

    /// <summary>Writes a problem for an exception an <c>IExceptionHandler</c> turned into a client error.</summary>
    public static async ValueTask<bool> WriteAsync(IProblemDetailsService problems, HttpContext http, Exception exception,
        int status, string title, string detail, string type)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = type },
        });
    }

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The resource has changed.", detail: detail,
            type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13");
}
