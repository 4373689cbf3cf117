using TiersLieux.Membership.Api;
using TiersLieux.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMembershipServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMembershipApi();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
