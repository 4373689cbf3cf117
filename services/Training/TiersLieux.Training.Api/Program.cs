using TiersLieux.ServiceDefaults;
using TiersLieux.Training.Api;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTrainingServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapTrainingApi();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
