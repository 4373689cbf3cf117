using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Contracts.Membership;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;
using TiersLieux.Training.Api.Infrastructure;
using TiersLieux.Topology;

namespace TiersLieux.Training.Tests.Api;

/// <summary>Training under test and the steps its tests repeat: a place, a course, a session of slots from tomorrow.</summary>
internal static class Training
{
    public static Task<TestService<Program>> StartAsync(InfrastructureFixture infrastructure) =>
        TestService<Program>.StartAsync(infrastructure, ResourceNames.TrainingDb);

    public static Task<Guid> KnownPlaceAsync(this TestService<Program> service, string name) => service.KnownPlaceAsync(name,
        (services, id) => services.GetRequiredService<TrainingDbContext>().Places.AnyAsync(p => p.Id == id));

    public static async Task<Guid> CourseAsync(this TestService<Program> service, Guid? placeId, string kind = "machine-safety", decimal hours = 10,
        string[]? qualifications = null, Guid[]? prerequisites = null, string title = "Sécurité découpe laser") =>
        (await TestService<Program>.PostAsync(service.Admin, "/api/training/courses", new
        {
            title, placeId, kind, durationHours = hours, qualificationCodes = qualifications ?? [], prerequisiteCourseIds = prerequisites ?? [],
            requiredAttendancePercent = 80,
        }))["id"]!.GetValue<Guid>();

    /// <summary>Slots of <paramref name="hours"/> hours, one a day from tomorrow 9:00 UTC (of the test's clock).</summary>
    public static object[] Slots(this TestService<Program> service, int count, int hours = 2)
    {
        var tomorrow = new DateTimeOffset(service.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(1).AddHours(9);
        return [.. Enumerable.Range(0, count).Select(day => new { startsAt = tomorrow.AddDays(day), endsAt = tomorrow.AddDays(day).AddHours(hours) })];
    }

    public static async Task<Guid> SessionAsync(this TestService<Program> service, Guid courseId, Guid placeId, int capacity, int minimum, object[] slots, Guid? trainer = null) =>
        (await TestService<Program>.PostAsync(service.Admin, "/api/training/sessions", new
        {
            courseId, placeId, capacity, minimum, slots, trainerMemberId = trainer, trainerName = "Camille Formatrice",
        }))["id"]!.GetValue<Guid>();

    public static async Task<JsonNode> EnrolAsync(this TestService<Program> service, Guid session, Guid member, HttpStatusCode expected = HttpStatusCode.Created) =>
        await TestService<Program>.PostAsync(service.Admin, $"/api/training/sessions/{session}/enrolments", new { memberId = member }, expected);

    /// <summary>A member known to training, as membership announces them (with consented data or not).</summary>
    public static async Task LearnerAsync(this TestService<Program> service, Guid member, string name, ConsentedProfile? profile = null)
    {
        await service.Bus.Publish(new MemberRegistered(member, name, $"{member:N}@example.org", [], 1, DateTimeOffset.UtcNow, profile));
        await TestWait.UntilAsync(async () =>
        {
            await using var scope = service.Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Learners.AnyAsync(l => l.MemberId == member);
        }, TimeSpan.FromSeconds(30));
    }

    public static async Task AttendAsync(this TestService<Program> service, Guid session, int slot, params (Guid Enrolment, string Status)[] entries)
    {
        var response = await service.Admin.PutAsJsonAsync($"/api/training/sessions/{session}/slots/{slot}/attendance",
            new { entries = entries.Select(e => new { enrolmentId = e.Enrolment, status = e.Status }) });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
