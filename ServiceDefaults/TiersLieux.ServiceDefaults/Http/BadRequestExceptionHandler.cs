using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace TiersLieux.ServiceDefaults.Http;

/// <summary>
/// Answers a request the framework could not read (malformed JSON, wrong value types, an unparsable query value)
/// with 400 problem+json that says what was wrong, instead of an empty 400 or a 500.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var detail = badRequest.InnerException is JsonException json
            ? $"The body is not valid JSON for this request: {json.Message}"
            : badRequest.Message;
        return await Problems.WriteAsync(problems, httpContext, exception, badRequest.StatusCode,
            "The request could not be read.", detail, "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1");
    }
}
