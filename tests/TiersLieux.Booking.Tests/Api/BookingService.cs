using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Contracts.Equipment;
using TiersLieux.Contracts.Membership;
using TiersLieux.Messaging;
using TiersLieux.Testing;
using TiersLieux.Topology;

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

    /// <summary>Publishes an event and waits until booking has consumed it (applied or ignored): its inbox has the message's id.</summary>
    public static async Task ConsumedAsync<TEvent>(this TestService<Program> service, TEvent message) where TEvent : class
    {
        var messageId = Guid.NewGuid();
        await service.Bus.Publish(message, (PublishContext<TEvent> context) => context.MessageId = messageId);
        await service.WaitForAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId));
    }

    /// <summary>A qualification of the member, as equipment announces it; waits until booking has it.</summary>
    public static async Task<Guid> QualifyAsync(this TestService<Program> service, Guid member, string code, Guid? grantedAt, DateTimeOffset? expiresAt = null)
    {
        var qualification = Guid.NewGuid();
        await service.Bus.Publish(new QualificationGranted(qualification, member, code, grantedAt, expiresAt, service.Clock.GetUtcNow()));
        await service.WaitForAsync(db => db.Qualifications.AnyAsync(q => q.QualificationId == qualification));
        return qualification;
    }

    /// <summary>A machine of the place, as equipment announces it; the booking resource made of it.</summary>
    public static async Task<Guid> MachineAsync(this TestService<Program> service, Guid place, Guid machine, string? requiredQualification, string name = "Découpe laser")
    {
        await service.Bus.Publish(new MachineRegistered(machine, place, name, "laser-cutter", requiredQualification, 1200, "available", 1, service.Clock.GetUtcNow()));
        await service.WaitForAsync(db => db.Resources.AnyAsync(r => r.MachineId == machine));
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BookingDbContext>().Resources.Where(r => r.MachineId == machine).Select(r => r.Id).SingleAsync();
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
