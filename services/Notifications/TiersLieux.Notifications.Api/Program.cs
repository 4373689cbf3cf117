using TiersLieux.Notifications.Api;
using TiersLieux.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNotificationsServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapNotificationsApi();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
