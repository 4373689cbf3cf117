using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TiersLieux.ServiceDefaults.Http;

/// <summary>
/// Text that clients send, checked once for every service before any handler sees it: no control characters (a NUL
/// cannot be stored in PostgreSQL text and would end as a 500; the others have no place in names, addresses or
/// notes) and no string longer than <see cref="MaxLength"/> (fields have their own, smaller limits, answered 422;
/// this one protects those that have none). Tabs and line breaks are kept.
/// </summary>
public static class ClientText
{
    public const int MaxLength = 20_000;

    /// <summary>Why <paramref name="text"/> is refused, or null when it is fine.</summary>
    public static string? Refusal(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength)
        {
            return $"A text of {text.Length} characters is longer than the {MaxLength} any field accepts.";
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return $"Control character U+{(int)c:X4} is not accepted in text.";
            }
        }

        return null;
    }

    /// <summary>Query strings and paths go through the same check (their values are bound without JSON).</summary>
    public static IApplicationBuilder UseClientTextGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var refusal = Refusal(Uri.UnescapeDataString(context.Request.Path.Value ?? ""));
        foreach (var (_, values) in context.Request.Query)
        {
            foreach (var value in values)
            {
                refusal ??= Refusal(value);
            }
        }

        if (refusal is not null)
        {
            throw new BadHttpRequestException(refusal);
        }

        await next(context);
    });
}
