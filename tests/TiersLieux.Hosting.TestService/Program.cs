using System.Collections;
using System.Globalization;

var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
var started = DateTimeOffset.UtcNow;
var healthyAfter = TimeSpan.FromMilliseconds(int.Parse(Environment.GetEnvironmentVariable("HEALTH_DELAY_MS") ?? "0", CultureInfo.InvariantCulture));

app.MapGet("/env", () => Results.Json(Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
    .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value)));
app.MapGet("/health", () => DateTimeOffset.UtcNow - started >= healthyAfter ? Results.Ok("Healthy") : Results.StatusCode(503));
app.MapPost("/crash", (IHostApplicationLifetime lifetime) =>
{
    // Answer first, then die the way a crashing service does: a non-zero exit the AppHost did not ask for.
    _ = Task.Run(async () =>
    {
        await Task.Delay(100);
        Environment.Exit(3);
    });
    return Results.Accepted();
});

app.Run();
