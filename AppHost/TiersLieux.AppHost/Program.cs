using TiersLieux.Hosting;
using TiersLieux.ServiceDefaults;

// The platform's topology, read top to bottom like a diagram (an Aspire AppHost, without the Aspire packages).
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres(ResourceNames.Postgres, port: 15432);
var directoryDb = postgres.AddDatabase(ResourceNames.DirectoryDb);
var membershipDb = postgres.AddDatabase(ResourceNames.MembershipDb);

var messaging = builder.AddRabbitMQ(ResourceNames.Messaging, port: 15672, managementPort: 15673);

// The one public door. Declared first: its address is the issuer of every token membership signs.
var gateway = builder.AddProject<Projects.TiersLieux_Gateway>(ResourceNames.Gateway)
    .WithHttpEndpoint(port: 5300)
    .WithExternalHttpEndpoints();

// Membership is the OpenID Connect server. A network-admin back-end client for trying the platform out (client
// credentials at /connect/token), and demo people whose passwords are generated once and shown in Development.
var consoleSecret = builder.AddParameter("network-console-secret", secret: true);
var membership = builder.AddProject<Projects.TiersLieux_Membership_Api>(ResourceNames.MembershipApi)
    .WithHttpEndpoint(port: 5302)
    .WithReference(membershipDb).WaitFor(membershipDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithEnvironment("Identity__Issuer", gateway.GetEndpoint("http"))
    .WithEnvironment("Identity__Clients__0__ClientId", "network-console")
    .WithEnvironment("Identity__Clients__0__ClientSecret", consoleSecret)
    .WithEnvironment("Identity__Clients__0__Roles__0", "network-admin");

// Every other service validates membership's tokens through the discovery contract (services__membership-api__http__0).
var directory = builder.AddProject<Projects.TiersLieux_Directory_Api>(ResourceNames.DirectoryApi)
    .WithHttpEndpoint(port: 5301)
    .WithReference(directoryDb).WaitFor(directoryDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(membership);

gateway
    .WithReference(directory).WaitFor(directory)
    .WithReference(membership).WaitFor(membership);

await builder.Build().RunAsync();
