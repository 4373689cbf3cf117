using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Messaging.Database;
using TiersLieux.Testing;
using TiersLieux.Training.Api.Apis;
using TiersLieux.Training.Api.Domain;
using TiersLieux.Training.Api.Infrastructure;

namespace TiersLieux.Training.Tests.Api;

/// <summary>The public list of sessions to come, on a database that holds years of past sessions.</summary>
public sealed class SessionListTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string PastSlots = """[{"startsAt": "2024-03-04T09:00:00+00:00", "endsAt": "2024-03-04T11:00:00+00:00"}]""";

    private TestService<Program> _service = null!;
    private Guid _place;
    private Guid _course;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await Training.StartAsync(infrastructure);
        _place = await _service.KnownPlaceAsync("Tiers-lieu de Lodève");
        _course = await _service.CourseAsync(_place, title: "Initiation à la découpe vinyle");
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Sessions_to_come_are_listed_by_start_however_many_past_sessions_were_written_before_them()
    {
        // More past sessions than one list holds, written before the sessions to come: the table's own order puts
        // them first, so a list that picks rows before it filters out the past loses the sessions to come.
        var template = await _service.SessionAsync(_course, _place, capacity: 8, minimum: 0, _service.Slots(1));
        await using (var scope = _service.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
            var table = db.TableName<TrainingSession>();
            var columns = db.Model.FindEntityType(typeof(TrainingSession))!.GetProperties().Select(p => p.GetColumnName()).ToList();
            var copies = columns.Select(column => column switch
            {
                "Id" => "gen_random_uuid()",
                "Slots" => "{0}::jsonb",
                _ => $"\"{column}\"",
            });
            // Names from the EF model, values as parameters.
            var copy = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                $"SELECT {string.Join(", ", copies)} FROM {table}, generate_series(1, {SessionsApi.MaxListed}) WHERE \"Id\" = {{1}}";
            Assert.Equal(SessionsApi.MaxListed, await db.Database.ExecuteSqlRawAsync(copy, [PastSlots, template], Cancel));
            var pastTemplate = $"UPDATE {table} SET \"Slots\" = {{0}}::jsonb WHERE \"Id\" = {{1}}";
            await db.Database.ExecuteSqlRawAsync(pastTemplate, [PastSlots, template], Cancel);
        }

        var start = new DateTimeOffset(_service.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(2).AddHours(9);
        var later = await _service.SessionAsync(_course, _place, capacity: 8, minimum: 0, [new { startsAt = start.AddDays(5), endsAt = start.AddDays(5).AddHours(3) }]);
        var sooner = await _service.SessionAsync(_course, _place, capacity: 8, minimum: 0, [new { startsAt = start, endsAt = start.AddHours(3) }]);

        var toCome = await _service.Admin.GetFromJsonAsync<JsonArray>("/api/training/sessions", Cancel);
        Assert.Equal(new[] { sooner, later }, toCome!.Select(session => session!["id"]!.GetValue<Guid>()));

        // A course's list keeps its past too, from the first, as many as one list holds.
        var ofCourse = await _service.Admin.GetFromJsonAsync<JsonArray>($"/api/training/sessions?courseId={_course}", Cancel);
        Assert.Equal(SessionsApi.MaxListed, ofCourse!.Count);
        Assert.All(ofCourse, session => Assert.StartsWith("2024-03-04", session!["slots"]![0]!["startsAt"]!.GetValue<string>(), StringComparison.Ordinal));
    }
}
