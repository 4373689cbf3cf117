using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TiersLieux.Web.Platform;

/// <summary>
/// Calls through the gateway with the signed-in person's access token (<see cref="Account.AccessTokenHandler"/>): the
/// site never holds more rights than the person. Reads answer null for a 404; a 401 means the session is over
/// (<see cref="SessionExpiredException"/>); a refusal (4xx) comes back as a <see cref="PlatformProblem"/>; anything
/// else is <see cref="PlatformUnavailableException"/>.
/// </summary>
public sealed class SignedInGateway(HttpClient http, ILogger<SignedInGateway> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken) where T : class =>
        ReadAsync(path, response => response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), cancellationToken);

    public async Task<T?> ReadAsync<T>(string path, Func<HttpResponseMessage, Task<T?>> read, CancellationToken cancellationToken) where T : class
    {
        try
        {
            using var response = await http.GetAsync(path, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            ThrowIfOver(response, path);
            return await read(response);
        }
        catch (Exception error) when (IsUnavailable(error, cancellationToken))
        {
            logger.LogWarning(error, "The platform did not answer {Path}", path);
            throw new PlatformUnavailableException($"{path} did not answer.", error);
        }
    }

    public Task<PlatformAnswer<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? ifMatch = null) where T : class =>
        SendContentAsync<T>(method, path, body is null ? null : JsonContent.Create(body, options: Json), cancellationToken, ifMatch);

    /// <summary>A body that is not JSON (a CSV file to import).</summary>
    public async Task<PlatformAnswer<T>> SendContentAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, string? ifMatch = null) where T : class
    {
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            if (ifMatch is not null)
            {
                // The version the person read: a change saved meanwhile by someone else is refused (412), not overwritten.
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new PlatformAnswer<T>(response.StatusCode == HttpStatusCode.NoContent ? null : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null);
            }

            ThrowIfOver(response, path);
            return new PlatformAnswer<T>(null, await ProblemAsync(response, cancellationToken));
        }
        catch (Exception error) when (IsUnavailable(error, cancellationToken))
        {
            logger.LogWarning(error, "The platform did not answer {Method} {Path}", method, path);
            throw new PlatformUnavailableException($"{method} {path} did not answer.", error);
        }
    }

    /// <summary>401: the session is over. 5xx (a 503 from the gateway, a 504): the platform is down, whatever was asked.</summary>
    private static void ThrowIfOver(HttpResponseMessage response, string path)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new SessionExpiredException($"{path} answered 401.");
        }

        if ((int)response.StatusCode >= 500 || (response.StatusCode == HttpStatusCode.TooManyRequests))
        {
            throw new PlatformUnavailableException($"{path} answered {(int)response.StatusCode}.");
        }

        if (!response.IsSuccessStatusCode && response.RequestMessage?.Method == HttpMethod.Get)
        {
            throw new PlatformUnavailableException($"{path} answered {(int)response.StatusCode}.");
        }
    }

    private static async Task<PlatformProblem> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        JsonObject? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<JsonObject>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            // Not problem+json: the status alone tells what happened.
        }

        var errors = problem?["errors"] is JsonObject fields
            ? fields.ToDictionary(field => field.Key, field => field.Value is JsonArray messages ? messages.Select(m => m?.ToString() ?? "").ToArray() : [field.Value?.ToString() ?? ""])
            : null;
        return new PlatformProblem((int)response.StatusCode, (string?)problem?["title"], (string?)problem?["detail"], (string?)problem?["rule"], errors);
    }

    private static bool IsUnavailable(Exception error, CancellationToken cancellationToken) =>
        error is HttpRequestException or JsonException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
