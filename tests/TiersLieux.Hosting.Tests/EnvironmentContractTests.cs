using System.Text.RegularExpressions;
using TiersLieux.Hosting.Resources;

namespace TiersLieux.Hosting.Tests;

/// <summary>
/// Aspire's environment contract, variable by variable: what a project would receive from a real Aspire AppHost
/// is exactly what ours gives it.
/// </summary>
public sealed class EnvironmentContractTests
{
    [Fact]
    public void A_project_receives_connection_strings_split_connection_details_and_its_own_identity()
    {
        var builder = DistributedApplication.CreateBuilder(TestApps.Options());
        var postgres = builder.AddPostgres("postgres");
        var database = postgres.AddDatabase("directorydb");
        var messaging = builder.AddRabbitMQ("messaging");
        var project = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("directory-api")
            .WithReference(database).WithReference(messaging);
        builder.Build();

        var environment = project.Resource.BuildEnvironment(0);

        var pg = Regex.Match(environment["ConnectionStrings__directorydb"], "^Host=127\\.0\\.0\\.1;Port=(\\d+);Username=postgres;Password=([A-Za-z0-9]{24});Database=directorydb$");
        Assert.True(pg.Success, environment["ConnectionStrings__directorydb"]);
        var (pgPort, pgPassword) = (pg.Groups[1].Value, pg.Groups[2].Value);
        Assert.Equal("127.0.0.1", environment["DIRECTORYDB_HOST"]);
        Assert.Equal(pgPort, environment["DIRECTORYDB_PORT"]);
        Assert.Equal("postgres", environment["DIRECTORYDB_USERNAME"]);
        Assert.Equal(pgPassword, environment["DIRECTORYDB_PASSWORD"]);
        Assert.Equal("directorydb", environment["DIRECTORYDB_DATABASENAME"]);
        Assert.Equal($"postgresql://postgres:{pgPassword}@127.0.0.1:{pgPort}/directorydb", environment["DIRECTORYDB_URI"]);

        var amqp = Regex.Match(environment["ConnectionStrings__messaging"], "^amqp://guest:([A-Za-z0-9]{24})@127\\.0\\.0\\.1:(\\d+)$");
        Assert.True(amqp.Success, environment["ConnectionStrings__messaging"]);
        Assert.Equal(amqp.Groups[2].Value, environment["MESSAGING_PORT"]);
        Assert.Equal("guest", environment["MESSAGING_USERNAME"]);
        Assert.Equal(amqp.Groups[1].Value, environment["MESSAGING_PASSWORD"]);
        Assert.Equal(environment["ConnectionStrings__messaging"], environment["MESSAGING_URI"]);

        Assert.Equal(project.Resource.Replicas[0].HttpUrl, environment["ASPNETCORE_URLS"]);
        Assert.Matches("^http://127\\.0\\.0\\.1:\\d+$", environment["ASPNETCORE_URLS"]);
        Assert.Equal("directory-api", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal($"service.instance.id={project.Resource.Replicas[0].InstanceId}", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("true", environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
        Assert.Equal("Development", environment["ASPNETCORE_ENVIRONMENT"]);

        // Nothing more: no exporter without a collector, no variable outside the contract.
        string[] expected =
        [
            "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "ASPNETCORE_URLS", "ConnectionStrings__directorydb",
            "ConnectionStrings__messaging", "DIRECTORYDB_DATABASENAME", "DIRECTORYDB_HOST", "DIRECTORYDB_PASSWORD", "DIRECTORYDB_PORT",
            "DIRECTORYDB_URI", "DIRECTORYDB_USERNAME", "DOTNET_ENVIRONMENT", "MESSAGING_HOST", "MESSAGING_PASSWORD", "MESSAGING_PORT",
            "MESSAGING_URI", "MESSAGING_USERNAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_SERVICE_NAME",
        ];
        Assert.Equal(expected, environment.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_referenced_project_is_discovered_with_one_url_per_replica()
    {
        var builder = DistributedApplication.CreateBuilder(TestApps.Options());
        var api = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("booking-api").WithReplicas(3);
        var gateway = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("gateway").WithReference(api).WithExternalHttpEndpoints();
        builder.Build();

        var environment = gateway.Resource.BuildEnvironment(0);

        var urls = api.Resource.Replicas.Select(replica => replica.HttpUrl).ToList();
        Assert.Equal(3, urls.Distinct().Count());
        Assert.Equal(urls[0], environment["services__booking-api__http__0"]);
        Assert.Equal(urls[1], environment["services__booking-api__http__1"]);
        Assert.Equal(urls[2], environment["services__booking-api__http__2"]);
        Assert.False(environment.ContainsKey("services__booking-api__http__3"));
        Assert.False(environment.ContainsKey("ASPNETCORE_FORWARDEDHEADERS_ENABLED"));
        Assert.Equal(["booking-api-0", "booking-api-1", "booking-api-2"], api.Resource.Replicas.Select(r => r.Name));
        Assert.Equal(urls[1], api.Resource.BuildEnvironment(1)["ASPNETCORE_URLS"]);
        Assert.NotEqual(api.Resource.BuildEnvironment(0)["OTEL_RESOURCE_ATTRIBUTES"], api.Resource.BuildEnvironment(1)["OTEL_RESOURCE_ATTRIBUTES"]);
    }

    [Fact]
    public void An_endpoint_of_a_project_declared_earlier_reaches_another_project_once_ports_are_assigned()
    {
        var builder = DistributedApplication.CreateBuilder(TestApps.Options());
        var gateway = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("gateway").WithExternalHttpEndpoints();
        var identity = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("membership-api")
            .WithEnvironment("Identity__Issuer", gateway.GetEndpoint("http"));
        builder.Build();

        var environment = identity.Resource.BuildEnvironment(0);

        Assert.Equal(gateway.Resource.Replicas[0].HttpUrl + "/", environment["Identity__Issuer"]);
        Assert.Throws<ArgumentException>(() => gateway.GetEndpoint("https"));
    }

    [Fact]
    public void With_a_collector_projects_export_telemetry_to_it_within_a_second()
    {
        var options = TestApps.Options();
        options.OtlpEndpoint = "http://127.0.0.1:18889";
        options.OtlpApiKey = "secret-key";
        var builder = DistributedApplication.CreateBuilder(options);
        var project = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("training-api");
        builder.Build();

        var environment = project.Resource.BuildEnvironment(0);

        Assert.Equal("http://127.0.0.1:18889", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("x-otlp-api-key=secret-key", environment["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Equal("1000", environment["OTEL_BSP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", environment["OTEL_BLRP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", environment["OTEL_METRIC_EXPORT_INTERVAL"]);
    }

    [Fact]
    public void An_existing_server_given_as_a_connection_string_is_used_instead_of_starting_one()
    {
        var options = TestApps.Options();
        options.ExistingConnectionStrings["postgres"] = "Host=db.internal;Port=6432;Username=platform;Password=s3cret";
        options.ExistingConnectionStrings["messaging"] = "amqp://platform:s3cret@mq.internal:5673";
        var builder = DistributedApplication.CreateBuilder(options);
        var postgres = builder.AddPostgres("postgres");
        var database = postgres.AddDatabase("bookingdb");
        var messaging = builder.AddRabbitMQ("messaging");
        var project = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("booking-api").WithReference(database).WithReference(messaging);
        builder.Build();

        var environment = project.Resource.BuildEnvironment(0);

        Assert.True(postgres.Resource.IsExisting);
        Assert.True(messaging.Resource.IsExisting);
        Assert.Equal("Host=db.internal;Port=6432;Username=platform;Password=s3cret;Database=bookingdb", environment["ConnectionStrings__bookingdb"]);
        Assert.Equal("amqp://platform:s3cret@mq.internal:5673", environment["ConnectionStrings__messaging"]);
        Assert.Equal("mq.internal", environment["MESSAGING_HOST"]);
        Assert.Equal("5673", environment["MESSAGING_PORT"]);
    }

    [Fact]
    public void A_generated_secret_is_the_same_on_every_run_reaches_the_project_and_is_new_after_fresh()
    {
        var state = TestApps.NewStateDirectory();
        string Run(bool fresh)
        {
            var options = TestApps.Options(state);
            options.Fresh = fresh;
            var builder = DistributedApplication.CreateBuilder(options);
            var secret = builder.AddParameter("client-secret");
            var project = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("membership-api").WithEnvironment("Identity__Clients__0__ClientSecret", secret);
            builder.Build();
            return project.Resource.BuildEnvironment(0)["Identity__Clients__0__ClientSecret"];
        }

        var first = Run(fresh: false);

        Assert.Matches("^[A-Za-z0-9]{24}$", first);
        Assert.Equal(first, Run(fresh: false));
        Assert.NotEqual(first, Run(fresh: true));
    }

    [Theory]
    [InlineData("directorydb", "DIRECTORYDB")]
    [InlineData("my-db.v2", "MY_DB_V2")]
    public void Split_variables_are_named_as_Aspire_names_them(string resource, string prefix) =>
        Assert.Equal(prefix, ProjectResource.EnvironmentPrefix(resource));

    [Fact]
    public void Two_resources_cannot_share_a_name()
    {
        var builder = DistributedApplication.CreateBuilder(TestApps.Options());
        builder.AddPostgres("postgres");

        Assert.Throws<InvalidOperationException>(() => builder.AddRabbitMQ("postgres"));
    }
}
