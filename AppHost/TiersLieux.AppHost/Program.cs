using TiersLieux.Hosting;
using TiersLieux.ServiceDefaults;

// The platform's topology, read top to bottom like a diagram (an Aspire AppHost, without the Aspire packages).
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres(ResourceNames.Postgres, port: 15432);
var directoryDb = postgres.AddDatabase(ResourceNames.DirectoryDb);
var membershipDb = postgres.AddDatabase(ResourceNames.MembershipDb);
var equipmentDb = postgres.AddDatabase(ResourceNames.EquipmentDb);
var trainingDb = postgres.AddDatabase(ResourceNames.TrainingDb);
var bookingDb = postgres.AddDatabase(ResourceNames.BookingDb);

var messaging = builder.AddRabbitMQ(ResourceNames.Messaging, port: 15672, managementPort: 15673);

// The one public door. Declared first: its address is the issuer of every token membership signs.
var gateway = builder.AddProject<Projects.TiersLieux_Gateway>(ResourceNames.Gateway)
    .WithHttpEndpoint(port: 5300)
    .WithExternalHttpEndpoints();

// Membership is the OpenID Connect server. A network-admin back-end client for trying the platform out (client
// credentials at /connect/token), and demo people whose passwords are generated once and shown in Development.
var consoleSecret = builder.AddParameter("network-console-secret", secret: true)
    .WithDescription("client network-console (client credentials, network team)");
var membership = builder.AddProject<Projects.TiersLieux_Membership_Api>(ResourceNames.MembershipApi)
    .WithHttpEndpoint(port: 5302)
    .WithReference(membershipDb).WaitFor(membershipDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithEnvironment("Identity__Issuer", gateway.GetEndpoint("http"))
    .WithEnvironment("Identity__Clients__0__ClientId", "network-console")
    .WithEnvironment("Identity__Clients__0__ClientSecret", consoleSecret)
    .WithEnvironment("Identity__Clients__0__Roles__0", "network-admin");

if (builder.Environment.IsDevelopment())
{
    // Demo data: IN'ESS in the directory; in membership a network admin, IN'ESS's operator, members and plans.
    var adminPassword = builder.AddParameter("demo-admin-password", secret: true).WithDescription("sign in as reseau@tierslieux-occitanie.example (network team)");
    var operatorPassword = builder.AddParameter("demo-operator-password", secret: true).WithDescription("sign in as operateur@iness.example (operator of IN'ESS)");
    var memberPassword = builder.AddParameter("demo-member-password", secret: true).WithDescription("sign in as lea.martin@ / karim.benali@ / sophie.roux@example.org");
    membership
        .WithEnvironment("Demo__Seed", "true")
        .WithEnvironment("Demo__AdminPassword", adminPassword)
        .WithEnvironment("Demo__OperatorPassword", operatorPassword)
        .WithEnvironment("Demo__MemberPassword", memberPassword)
        // The demo frontend: a browser client of the code flow, to try the sign-in page from a terminal.
        .WithEnvironment("Identity__Clients__1__ClientId", "demo-frontend")
        .WithEnvironment("Identity__Clients__1__RedirectUris__0", "http://127.0.0.1:5300/signed-in");
}

// Every other service validates membership's tokens through the discovery contract (services__membership-api__http__0).
var directory = builder.AddProject<Projects.TiersLieux_Directory_Api>(ResourceNames.DirectoryApi)
    .WithHttpEndpoint(port: 5301)
    .WithReference(directoryDb).WaitFor(directoryDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(membership).WaitFor(membership);
if (builder.Environment.IsDevelopment())
{
    directory.WithEnvironment("Demo__Seed", "true");
}

var equipment = builder.AddProject<Projects.TiersLieux_Equipment_Api>(ResourceNames.EquipmentApi)
    .WithHttpEndpoint(port: 5303)
    .WithReference(equipmentDb).WaitFor(equipmentDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(membership).WaitFor(membership);

var training = builder.AddProject<Projects.TiersLieux_Training_Api>(ResourceNames.TrainingApi)
    .WithHttpEndpoint(port: 5304)
    .WithReference(trainingDb).WaitFor(trainingDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(membership).WaitFor(membership);

// Booking takes the most requests (every member, every day): three replicas on 5305-5307, balanced by the gateway,
// competing for booking's queues. Its guarantees hold across them (row locks and an exclusion constraint in the one
// database, an inbox per consumer), as they would across machines.
var booking = builder.AddProject<Projects.TiersLieux_Booking_Api>(ResourceNames.BookingApi)
    .WithHttpEndpoint(port: 5305)
    .WithReplicas(3)
    .WithReference(bookingDb).WaitFor(bookingDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(membership).WaitFor(membership);

gateway
    .WithReference(directory).WaitFor(directory)
    .WithReference(membership).WaitFor(membership)
    .WithReference(equipment).WaitFor(equipment)
    .WithReference(training).WaitFor(training)
    .WithReference(booking).WaitFor(booking);

await builder.Build().RunAsync();
