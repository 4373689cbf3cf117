using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Messaging.Database;

/// <summary>
/// The last line against a 500 for a lost race: a concurrent change (concurrency token), a duplicate that slipped
/// past a handler's check (unique index), or a reference that vanished meanwhile (foreign key) are conflicts with
/// the current state, answered 409 problem+json. Handlers that can say more catch these themselves.
/// </summary>
public sealed class ConflictExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var detail = exception switch
        {
            DbUpdateConcurrencyException => "Another change to the same data was saved first: read it again and retry.",
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
                "The same thing exists already: find it instead of creating it again.",
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } } =>
                "Something this request refers to no longer exists: read it again and retry.",
            _ => null,
        };
        if (detail is null)
        {
            return false;
        }

        return await Problems.WriteAsync(problems, httpContext, exception, StatusCodes.Status409Conflict,
            "The request conflicts with the current state.", detail, "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10");
    }
}
