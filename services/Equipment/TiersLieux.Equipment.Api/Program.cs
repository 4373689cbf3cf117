using TiersLieux.Equipment.Api;
using TiersLieux.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEquipmentServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapEquipmentApi();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
