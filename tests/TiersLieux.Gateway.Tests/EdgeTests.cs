using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using TiersLieux.Security;
using TiersLieux.Testing;

namespace TiersLieux.Gateway.Tests;

/// <summary>What the one public door refuses before any service sees the request, and what it lets through.</summary>
public sealed class EdgeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<JsonNode> PassedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task Without_a_token_only_public_reads_pass_and_a_valid_token_is_forwarded_to_the_service()
    {
        await using var edge = await Edge.StartAsync();
        using var anonymous = edge.Anonymous();
        using var member = edge.As(edge.Tokens.Member(Guid.NewGuid()));

        foreach (var path in new[] { "/api/directory/places/search?q=fablab", "/api/training/certificates/ABCDEFGHJKLM", "/api/booking/calendars/resources/x.ics", "/api/membership/plans" })
        {
            Assert.False((await PassedAsync(await anonymous.GetAsync(path, Cancel)))["forwardedToken"]!.GetValue<bool>());
        }

        foreach (var (method, path) in new[] { ("POST", "/api/booking/bookings"), ("GET", "/api/booking/bookings"), ("GET", "/api/membership/members"), ("DELETE", "/api/directory/places/1"), ("POST", "/api/directory/places") })
        {
            using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);
            var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.NotNull(problem["traceId"]);
        }

        var passed = await PassedAsync(await member.PostAsJsonAsync("/api/booking/bookings", new { }, Cancel));
        Assert.True(passed["forwardedToken"]!.GetValue<bool>());
        Assert.Equal("/api/booking/bookings", passed["path"]!.GetValue<string>());
        // A path no service serves is the proxy's 404, not a 401.
        await Problem.AssertAsync(await anonymous.GetAsync("/api/nowhere/things", Cancel), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong-audience")]
    [InlineData("wrong-issuer")]
    [InlineData("foreign-signature")]
    [InlineData("not-a-jwt")]
    public async Task A_bad_token_is_refused_at_the_edge_even_on_a_public_read(string kind)
    {
        await using var edge = await Edge.StartAsync();
        var tokens = edge.Tokens;
        string[] roles = [PlatformRoles.Member];
        var token = kind switch
        {
            "expired" => tokens.Token("someone", roles, lifetime: TimeSpan.FromMinutes(-5)),
            "wrong-audience" => tokens.Token("someone", roles, audience: "another-api"),
            "wrong-issuer" => tokens.Token("someone", roles, issuer: "https://attacker.example/"),
            "foreign-signature" => tokens.Token("someone", roles, signedByAnotherKey: true),
            _ => "definitely.not.ajwt",
        };
        using var client = edge.As(token);

        foreach (var response in new[] { await client.GetAsync("/api/directory/places", Cancel), await client.PostAsJsonAsync("/api/booking/bookings", new { }, Cancel) })
        {
            await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Anonymous_floods_get_429_with_Retry_After_per_client_and_signed_in_callers_count_apart()
    {
        await using var edge = await Edge.StartAsync(new Dictionary<string, string> { ["Gateway:RateLimits:AnonymousPerMinute"] = "5" });
        using var anonymous = edge.Anonymous();
        using var member = edge.As(edge.Tokens.Member(Guid.NewGuid()));

        for (var i = 0; i < 5; i++)
        {
            await PassedAsync(await anonymous.GetAsync("/api/directory/places", Cancel));
        }

        using var refused = await anonymous.GetAsync("/api/directory/places", Cancel);
        var problem = await Problem.AssertAsync(refused, (HttpStatusCode)429);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("try again", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await PassedAsync(await member.GetAsync("/api/directory/places", Cancel));
        // Health probes are never limited.
        Assert.NotEqual((HttpStatusCode)429, (await anonymous.GetAsync("/alive", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Booking_creation_and_sign_in_have_stricter_limits_than_the_rest()
    {
        await using var edge = await Edge.StartAsync(new Dictionary<string, string>
        {
            ["Gateway:RateLimits:BookingsPerMinute"] = "3",
            ["Gateway:RateLimits:SignInPerMinute"] = "2",
        });
        using var hoarder = edge.As(edge.Tokens.Member(Guid.NewGuid()));
        using var other = edge.As(edge.Tokens.Member(Guid.NewGuid()));
        using var anonymous = edge.Anonymous();

        for (var i = 0; i < 3; i++)
        {
            await PassedAsync(await hoarder.PostAsJsonAsync("/api/booking/bookings", new { }, Cancel));
        }

        await Problem.AssertAsync(await hoarder.PostAsJsonAsync("/api/booking/bookings", new { }, Cancel), (HttpStatusCode)429);
        await PassedAsync(await hoarder.GetAsync("/api/booking/bookings", Cancel));
        await PassedAsync(await other.PostAsJsonAsync("/api/booking/bookings", new { }, Cancel));
        for (var i = 0; i < 2; i++)
        {
            await PassedAsync(await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent([new("grant_type", "password")]), Cancel));
        }

        await Problem.AssertAsync(await anonymous.PostAsync("/account/login", new FormUrlEncodedContent([new("email", "x")]), Cancel), (HttpStatusCode)429);
    }

    [Fact]
    public async Task Oversized_bodies_get_413_security_headers_and_the_trace_id_are_on_every_answer()
    {
        await using var edge = await Edge.StartAsync(new Dictionary<string, string> { ["Gateway:MaxRequestBodyBytes"] = "1000" });
        using var member = edge.As(edge.Tokens.Member(Guid.NewGuid()));

        using var big = new StringContent($"{{\"name\":\"{new string('x', 2000)}\"}}", Encoding.UTF8, "application/json");
        using var tooLarge = await member.PostAsync("/api/booking/bookings", big, Cancel);
        using var fine = await member.GetAsync("/api/booking/bookings", Cancel);
        using var serviceError = await member.GetAsync("/api/booking/bookings/not-found", Cancel);

        var problem = await Problem.AssertAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge);
        // One trace id, in the header and the problem: what ops search the dashboard for.
        Assert.Equal(problem["traceId"]!.GetValue<string>(), tooLarge.Headers.GetValues(EdgeSecurity.TraceIdHeader).Single());
        Assert.Equal(HttpStatusCode.NotFound, serviceError.StatusCode);
        foreach (var response in new[] { tooLarge, fine, serviceError })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues(EdgeSecurity.TraceIdHeader).Single());
            Assert.False(response.Headers.Contains("Server"));
        }
    }

    [Fact]
    public async Task The_service_gets_one_trace_context_the_gateways_span_continuing_the_callers_trace()
    {
        await using var edge = await Edge.StartAsync();
        using var anonymous = edge.Anonymous();
        const string callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string callerSpan = "00f067aa0ba902b7";

        using var traced = new HttpRequestMessage(HttpMethod.Get, "/api/directory/places/search?q=trace");
        traced.Headers.Add("traceparent", $"00-{callerTrace}-{callerSpan}-01");
        using var answer = await anonymous.SendAsync(traced, Cancel);
        var received = (await PassedAsync(answer))["traceParents"]!.AsArray().Select(value => value!.GetValue<string>()).ToList();

        // Exactly one, in the caller's trace, whose parent is the gateway's span: neither the caller's span nor missing.
        var traceParent = Assert.Single(received).Split('-');
        Assert.Equal(callerTrace, traceParent[1]);
        Assert.NotEqual(callerSpan, traceParent[2]);
        Assert.Equal(callerTrace, answer.Headers.GetValues(EdgeSecurity.TraceIdHeader).Single());

        using var untraced = await anonymous.GetAsync("/api/directory/places/search?q=new-trace", Cancel);
        var started = Assert.Single((await PassedAsync(untraced))["traceParents"]!.AsArray())!.GetValue<string>().Split('-');
        Assert.Equal(untraced.Headers.GetValues(EdgeSecurity.TraceIdHeader).Single(), started[1]);
    }

    [Fact]
    public async Task Browsers_may_call_from_configured_operator_frontends_only()
    {
        await using var edge = await Edge.StartAsync(new Dictionary<string, string> { ["Gateway:CorsOrigins:0"] = "https://iness.example" });
        using var client = edge.Anonymous();

        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/api/booking/bookings");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            return await client.SendAsync(request, Cancel);
        }

        using var allowed = await PreflightAsync("https://iness.example");
        using var other = await PreflightAsync("https://evil.example");

        Assert.Equal("https://iness.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_gateway_serves_each_services_OpenAPI_document_and_one_reference_page_listing_them()
    {
        await using var edge = await Edge.StartAsync();
        using var anonymous = edge.Anonymous();

        var document = await PassedAsync(await anonymous.GetAsync("/openapi/booking.json", Cancel));
        using var page = await anonymous.GetAsync("/scalar/", Cancel);
        var html = await page.Content.ReadAsStringAsync(Cancel);

        Assert.Equal("/openapi/v1.json", document["path"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var service in new[] { "directory", "membership", "equipment", "training", "booking" })
        {
            Assert.Contains($"\"url\":\"openapi/{service}.json\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_read_that_reaches_a_dead_replica_is_sent_to_another_but_a_write_is_never_sent_twice()
    {
        // directory-api has two replicas: the stand-in, and one whose port nobody listens on (a stopped process).
        await using var edge = await Edge.StartAsync(new Dictionary<string, string>
        {
            ["services:directory-api:http:1"] = $"http://127.0.0.1:{TiersLieux.Hosting.Processes.FreePort.Next()}",
            ["Gateway:LoadBalancingPolicy"] = "RoundRobin",
        });
        using var anonymous = edge.Anonymous();

        for (var i = 0; i < 10; i++)
        {
            await PassedAsync(await anonymous.GetAsync($"/api/directory/places/search?q=read-{i}", Cancel));
        }

        // Round robin sends one of two consecutive writes to the dead replica: that one is answered 502, not re-sent.
        using var member = edge.As(edge.Tokens.Member(Guid.NewGuid()));
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var write = await member.PostAsJsonAsync("/api/directory/places", new { name = $"write-{i}" }, Cancel);
            answers.Add(write.StatusCode);
        }

        Assert.Equal(10, edge.Received.Count(line => line.StartsWith("GET /api/directory/places/search", StringComparison.Ordinal)));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadGateway], answers.Order());
        Assert.Single(edge.Received, line => line == "POST /api/directory/places");
    }

    [Fact]
    public async Task A_read_cut_by_a_service_with_one_balanced_address_is_sent_to_that_address_again()
    {
        // booking-api's three replicas stand behind one address (DCP's proxy): a read cut there because its replica
        // died is sent again to the same address, which takes it to a live replica. The stand-in balancer here cuts
        // every other request before any answer, as a replica killed under it does.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var balancer = builder.Build();
        var requests = 0;
        var cut = 0;
        balancer.Map("/{**rest}", (HttpContext context) =>
        {
            // The gateway's health probes pass; only reads count.
            if (TiersLieux.ServiceDefaults.Extensions.IsProbe(context.Request.Path))
            {
                return Results.Ok();
            }

            if (Interlocked.Increment(ref requests) % 2 == 1)
            {
                Interlocked.Increment(ref cut);
                context.Abort();
                return Results.Empty;
            }

            return Results.Json(new { path = context.Request.Path.Value });
        });
        await balancer.StartAsync(Cancel);
        await using var edge = await Edge.StartAsync(new Dictionary<string, string> { ["services:booking-api:http:0"] = balancer.Urls.First() });
        using var member = edge.As(edge.Tokens.Member(Guid.NewGuid()));

        for (var i = 0; i < 6; i++)
        {
            var answer = await PassedAsync(await member.GetAsync($"/api/booking/resources/read-{i}", Cancel));
            Assert.Equal($"/api/booking/resources/read-{i}", answer["path"]!.GetValue<string>());
        }

        Assert.Equal(6, cut);
        Assert.Equal(12, requests);
    }

    [Fact]
    public async Task A_read_whose_replica_dies_in_the_middle_of_its_answer_is_answered_whole_by_another()
    {
        // A replica that sends its headers and half its body, then dies (the connection cut, as by SIGKILL).
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var dying = builder.Build();
        var cut = 0;
        dying.Map("/{**rest}", async (HttpContext context) =>
        {
            Interlocked.Increment(ref cut);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"path\":\"half an ans", Cancel);
            await context.Response.Body.FlushAsync(Cancel);
            context.Abort();
        });
        await dying.StartAsync(Cancel);
        await using var edge = await Edge.StartAsync(new Dictionary<string, string>
        {
            ["services:directory-api:http:1"] = dying.Urls.First(),
            ["Gateway:LoadBalancingPolicy"] = "RoundRobin",
        });
        using var anonymous = edge.Anonymous();

        for (var i = 0; i < 6; i++)
        {
            var answer = await PassedAsync(await anonymous.GetAsync($"/api/directory/places/search?q=read-{i}", Cancel));
            Assert.Equal("/api/directory/places/search", answer["path"]!.GetValue<string>());
        }

        Assert.True(cut > 0, "no read reached the dying replica");
        Assert.Equal(6, edge.Received.Count(line => line.StartsWith("GET /api/directory/places/search", StringComparison.Ordinal)));
    }
}
