using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Contracts.Membership;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;

namespace TiersLieux.Booking.Tests.Api;

/// <summary>Booking under test and the steps its tests repeat.</summary>
internal static class Booking
{
    public static Task<TestService<Program>> StartAsync(InfrastructureFixture infrastructure) =>
        TestService<Program>.StartAsync(infrastructure, ResourceNames.BookingDb);

    public static Task<Guid> KnownPlaceAsync(this TestService<Program> service, string name) => service.KnownPlaceAsync(name,
        (services, id) => services.GetRequiredService<BookingDbContext>().Places.AnyAsync(p => p.Id == id));

    public static Task WaitForAsync(this TestService<Program> service, Func<BookingDbContext, Task<bool>> condition) =>
        TestWait.UntilAsync(async () =>
        {
            await using var scope = service.Factory.Services.CreateAsyncScope();
            return await condition(scope.ServiceProvider.GetRequiredService<BookingDbContext>());
        }, TimeSpan.FromSeconds(30));

    /// <summary>A subscription of the member at the place, as membership announces it; waits until booking has it.</summary>
    public static async Task EntitleAsync(this TestService<Program> service, Guid member, Guid place, params string[] kinds)
    {
        var subscription = Guid.NewGuid();
        var now = service.Clock.GetUtcNow();
        await service.Bus.Publish(new SubscriptionActivated(subscription, member, Guid.NewGuid(), "monthly-coworking", place, [place],
            kinds.ToDictionary(kind => kind, _ => 100), now.AddDays(-1), now.AddDays(30), now));
        await service.WaitForAsync(db => db.Entitlements.AnyAsync(e => e.SubscriptionId == subscription));
    }

    public static async Task<Guid> ResourceAsync(this TestService<Program> service, Guid place, string kind, int seats = 1, string name = "Bureau 1") =>
        (await TestService<Program>.PostAsync(service.Admin, "/api/booking/resources", new { placeId = place, name, kind, seats }))["id"]!.GetValue<Guid>();

    /// <summary>Tomorrow at this hour (UTC) of the test's clock.</summary>
    public static DateTimeOffset Tomorrow(this TestService<Program> service, int hour) =>
        new DateTimeOffset(service.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(1).AddHours(hour);

    public static Task<HttpResponseMessage> BookAsync(this TestService<Program> service, Guid resource, Guid member, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        service.Admin.PostAsJsonAsync("/api/booking/bookings", new { resourceId = resource, memberId = member, startsAt, endsAt });

    public static async Task<string> RuleAsync(HttpResponseMessage response)
    {
        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict);
        return problem["rule"]!.GetValue<string>();
    }

    public static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<Guid>();
    }
}
