using TiersLieux.Directory.Api;
using TiersLieux.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDirectoryServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapDirectoryApi();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
