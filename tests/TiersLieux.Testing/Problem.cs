using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace TiersLieux.Testing;

public static class Problem
{
    /// <summary>Asserts an RFC 9457 answer with the expected status, a title and a trace id; returns its body.</summary>
    public static async Task<JsonObject> AssertAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(problem["traceId"]?.GetValue<string>()));
        return problem;
    }
}
