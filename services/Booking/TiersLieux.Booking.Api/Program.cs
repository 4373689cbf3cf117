using TiersLieux.Booking.Api;
using TiersLieux.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddBookingServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapBookingApi();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
