using Microsoft.Extensions.Hosting;
using TiersLieux.Hosting;
using TiersLieux.Hosting.Launcher;
using TiersLieux.Topology;

// The platform's topology, read top to bottom like a diagram. Every project is healthy when its /health is (its
// database and the bus; the gateway's also asks every replica behind it). In run mode PostgreSQL and RabbitMQ are local
// executables (no container engine here); published, the same lines declare Aspire's standard containers.
var builder = DistributedApplication.CreateBuilder(args);
// Each project starts from its build output, handed over by DCP to the AppHost's own run-session endpoint (no
// `dotnet run` wrapper per replica; docs/decisions/0007).
builder.RunProjectsFromBuildOutput();
// Aspire looks again at a resource that is not yet healthy only every few seconds: ours look every quarter second
// until they have been healthy once, so the platform is ready as soon as its last service is.
builder.NoticeHealthPromptlyWhileStarting();
// Metrics reach the dashboard every 5 s rather than Aspire's development default of every second: taking them in every
// second kept the dashboard at 7 % of a core on an idle platform (2.5 % now).
builder.ExportMetricsEvery(TimeSpan.FromSeconds(5));

var postgres = builder.AddPostgresServer(ResourceNames.Postgres, port: 15432);
var directoryDb = postgres.AddDatabase(ResourceNames.DirectoryDb);
var membershipDb = postgres.AddDatabase(ResourceNames.MembershipDb);
var equipmentDb = postgres.AddDatabase(ResourceNames.EquipmentDb);
var trainingDb = postgres.AddDatabase(ResourceNames.TrainingDb);
var bookingDb = postgres.AddDatabase(ResourceNames.BookingDb);
var notificationsDb = postgres.AddDatabase(ResourceNames.NotificationsDb);

var messaging = builder.AddMessageBroker(ResourceNames.Messaging, port: 15672, managementPort: 15673);

// Mail: smtp4dev here (every message readable in its web UI); published, the network's SMTP relay.
var smtp = builder.AddMailServer(ResourceNames.Smtp, smtpPort: 2525, webPort: 5380);

// The one public door, on 5300 itself rather than behind DCP's proxy: its address is the issuer of every token
// membership signs and of every Location, so it must be the address clients use. Declared first. Every service with one
// instance listens on its own port too (its launch profile's): DCP's proxy would be a hop on every call with nothing to
// balance. Booking, replicated, stays behind the proxy that spreads its calls.
var gateway = builder.AddProject<Projects.TiersLieux_Gateway>(ResourceNames.Gateway)
    .WithHttpHealthCheck("/health")
    .WithOwnHttpPort()
    .WithExternalHttpEndpoints();

// Membership is the OpenID Connect server. A network-admin back-end client for trying the platform out (client
// credentials at /connect/token), and demo people whose passwords are generated once and kept.
var consoleSecret = builder.AddKeptSecret("network-console-secret")
    .WithDescription("client network-console (client credentials, network team)");
var membership = builder.AddProject<Projects.TiersLieux_Membership_Api>(ResourceNames.MembershipApi)
    .WithHttpHealthCheck("/health")
    .WithOwnHttpPort()
    .BehindTheGateway()
    .WithReference(membershipDb).WaitFor(membershipDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithEnvironment("Identity__Issuer", gateway.GetEndpoint("http"))
    .WithEnvironment("Identity__Clients__0__ClientId", "network-console")
    .WithEnvironment("Identity__Clients__0__ClientSecret", consoleSecret)
    .WithEnvironment("Identity__Clients__0__Roles__0", "network-admin");

// The website signs people in with the code flow (PKCE) as a confidential client: its tokens stay on its server.
var websiteSecret = builder.AddKeptSecret("website-client-secret")
    .WithDescription("client website (the network's website, code flow with PKCE)");

var welcome = new List<(string Line, IResourceBuilder<ParameterResource>? Secret)>
{
    ("client network-console (client credentials at /connect/token), secret", consoleSecret),
};
if (builder.Environment.IsDevelopment())
{
    // Demo data: IN'ESS in the directory; in membership a network admin, IN'ESS's operator, members and plans.
    var adminPassword = builder.AddKeptSecret("demo-admin-password").WithDescription("sign in as reseau@tierslieux-occitanie.example (network team)");
    var operatorPassword = builder.AddKeptSecret("demo-operator-password").WithDescription("sign in as operateur@iness.example (operator of IN'ESS)");
    var memberPassword = builder.AddKeptSecret("demo-member-password").WithDescription("sign in as lea.martin@ / karim.benali@ / sophie.roux@example.org");
    membership
        .WithEnvironment("Demo__Seed", "true")
        .WithEnvironment("Demo__AdminPassword", adminPassword)
        .WithEnvironment("Demo__OperatorPassword", operatorPassword)
        .WithEnvironment("Demo__MemberPassword", memberPassword)
        // The demo frontend: a browser client of the code flow, to try the sign-in page from a terminal.
        .WithEnvironment("Identity__Clients__2__ClientId", "demo-frontend")
        .WithEnvironment("Identity__Clients__2__RedirectUris__0", "http://127.0.0.1:5300/signed-in");
    welcome.AddRange([
        ("network team: reseau@tierslieux-occitanie.example, password", adminPassword),
        ("IN'ESS's operator: operateur@iness.example, password", operatorPassword),
        ("members: lea.martin@example.org, karim.benali@example.org, sophie.roux@example.org, password", memberPassword),
    ]);
}

// Every other service validates membership's tokens through the discovery contract (services__membership-api__http__0),
// fetching its keys at the first token: none waits for membership for that (the directory waits for the others, below).
var directory = builder.AddProject<Projects.TiersLieux_Directory_Api>(ResourceNames.DirectoryApi)
    .WithHttpHealthCheck("/health")
    .WithOwnHttpPort()
    .BehindTheGateway()
    .WithReference(directoryDb).WaitFor(directoryDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(membership);
if (builder.Environment.IsDevelopment())
{
    directory.WithEnvironment("Demo__Seed", "true");
}

var equipment = builder.AddProject<Projects.TiersLieux_Equipment_Api>(ResourceNames.EquipmentApi)
    .WithHttpHealthCheck("/health")
    .WithOwnHttpPort()
    .BehindTheGateway()
    .WithReference(equipmentDb).WaitFor(equipmentDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(membership);

var training = builder.AddProject<Projects.TiersLieux_Training_Api>(ResourceNames.TrainingApi)
    .WithHttpHealthCheck("/health")
    .WithOwnHttpPort()
    .BehindTheGateway()
    .WithReference(trainingDb).WaitFor(trainingDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(membership);

// Booking takes the most requests (every member, every day): three replicas behind one address, competing for
// booking's queues. Its guarantees hold across them (an exclusion constraint and a lock per open space in the one
// database, an inbox per consumer), as they would across machines.
var booking = builder.AddProject<Projects.TiersLieux_Booking_Api>(ResourceNames.BookingApi)
    .WithHttpHealthCheck("/health")
    .BehindTheGateway()
    .WithReplicas(3)
    .WithReference(bookingDb).WaitFor(bookingDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(membership);

if (builder.Environment.IsDevelopment())
{
    // IN'ESS's desks and meeting room, its laser cutter and 3D printer, its laser course: something to book and join.
    foreach (var seeded in new IResourceBuilder<ProjectResource>[] { equipment, training, booking })
    {
        seeded.WithEnvironment("Demo__Seed", "true");
    }
}

// Notifications tells people what the other services decided (their events), by email and in an inbox. It does not
// wait for the mail server: mails wait in its database until the server answers, and waiting for smtp4dev made it
// bind its queues after membership had announced the demo people (their events were lost to it).
var notifications = builder.AddProject<Projects.TiersLieux_Notifications_Api>(ResourceNames.NotificationsApi)
    .WithHttpHealthCheck("/health")
    .WithOwnHttpPort()
    .BehindTheGateway()
    .WithReference(notificationsDb).WaitFor(notificationsDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(smtp)
    .WithReference(membership)
    .WithEnvironment("Mail__PublicUrl", gateway.GetEndpoint("http"));

// On the first start the directory starts once every other service is healthy, which includes their buses: their
// queues are bound. The broker drops an event published before a consumer's queue exists, and the directory publishes
// first: IN'ESS's PlaceRegistered is what every other demo seeder waits for. With the services started side by side, a
// fresh-clone test run on a loaded machine lost it to membership (no demo people, no plans). Later starts find the
// queues in the broker's kept data, and the directory starts beside the others.
directory.WaitForOnFirstStart(membership, equipment, training, booking, notifications);

// The gateway starts beside the services, not after them: its routes come from these references, and its /health
// turns healthy only once every replica behind it is.
gateway
    .WithReference(directory)
    .WithReference(membership)
    .WithReference(equipment)
    .WithReference(training)
    .WithReference(booking)
    .WithReference(notifications);

// The network's website (public map, place pages, the member space): a client of the gateway like any operator's
// frontend, and of membership's sign-in.
var web = builder.AddProject<Projects.TiersLieux_Web>(ResourceNames.Web)
    .WithHttpHealthCheck("/health")
    .WithOwnHttpPort()
    .WithExternalHttpEndpoints()
    .WithReference(gateway)
    .WithEnvironment("Site__PlatformUrl", gateway.GetEndpoint("http"))
    .WithEnvironment("Site__ClientId", "website")
    .WithEnvironment("Site__ClientSecret", websiteSecret);
web.WithEnvironment("Site__PublicUrl", web.GetEndpoint("http"));
membership
    .WithEnvironment("Identity__Clients__1__ClientId", "website")
    .WithEnvironment("Identity__Clients__1__ClientSecret", websiteSecret)
    .WithEnvironment("Identity__Clients__1__DisplayName", "Site du réseau")
    .WithEnvironment("Identity__Clients__1__RedirectUris__0", ReferenceExpression.Create($"{web.GetEndpoint("http")}/signin-oidc"))
    .WithEnvironment("Identity__Clients__1__PostLogoutRedirectUris__0", ReferenceExpression.Create($"{web.GetEndpoint("http")}/signout-callback-oidc"));

// Once everything is running and healthy: where to go and how to sign in, on the console.
builder.AddWelcome(gateway, web, welcome);

await builder.Build().RunAsync();
