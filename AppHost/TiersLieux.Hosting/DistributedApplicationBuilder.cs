using TiersLieux.Hosting.Processes;
using TiersLieux.Hosting.Resources;

namespace TiersLieux.Hosting;

/// <summary>A resource in the model being built, as Aspire's <c>IResourceBuilder&lt;T&gt;</c>.</summary>
public interface IResourceBuilder<out T>
{
    T Resource { get; }

    DistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed record ResourceBuilder<T>(T Resource, DistributedApplicationBuilder ApplicationBuilder) : IResourceBuilder<T> where T : Resource;

/// <summary>The application model, written in AppHost/Program.cs the way an Aspire AppHost writes it.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    internal DistributedApplicationBuilder(ApplicationOptions options)
    {
        Options = options;
        // Wiped before any resource is declared: resources may create their state (generated secrets) as they are.
        if (Options.Fresh && Directory.Exists(Options.StateDirectory))
        {
            Directory.Delete(Options.StateDirectory, recursive: true);
        }
    }

    public ApplicationOptions Options { get; }

    /// <summary>Aspire's <c>builder.Environment</c>: Development unless told otherwise (<c>--environment</c>).</summary>
    public AppHostEnvironment Environment => new(Options.EnvironmentName);

    public IReadOnlyList<Resource> Resources => _resources;

    public IResourceBuilder<PostgresServerResource> AddPostgres(string name, int? port = null)
    {
        var resource = new PostgresServerResource(name, StatePath(name), PortOrFree(port), Existing(name));
        return Add(resource);
    }

    public IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(string name, int? port = null, int? managementPort = null)
    {
        var resource = new RabbitMQServerResource(name, StatePath(name), PortOrFree(port), PortOrFree(managementPort), Existing(name));
        return Add(resource);
    }

    /// <summary>A secret generated once and kept in the state directory (Aspire's <c>AddParameter(name, secret: true)</c>).</summary>
    public IResourceBuilder<ParameterResource> AddParameter(string name, bool secret = true) =>
        secret ? Add(ParameterResource.Generated(name, Options.StateDirectory)) : throw new ArgumentException("Only generated secrets are supported; pass values with WithEnvironment.", nameof(secret));

    public IResourceBuilder<ProjectResource> AddProject<TProject>(string name) where TProject : IProjectMetadata, new() =>
        AddProject(name, new TProject());

    public IResourceBuilder<ProjectResource> AddProject(string name, IProjectMetadata metadata) =>
        Add(new ProjectResource(name, metadata, Options));

    internal IResourceBuilder<T> Add<T>(T resource) where T : Resource
    {
        if (_resources.Any(existing => string.Equals(existing.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build()
    {
        foreach (var project in _resources.OfType<ProjectResource>())
        {
            project.CreateReplicas(Options.DynamicPorts);
        }

        return new DistributedApplication(this);
    }

    private string StatePath(string name) => Path.Combine(Options.StateDirectory, name);

    private int PortOrFree(int? port) => port is { } fixedPort && !Options.DynamicPorts ? fixedPort : FreePort.Next();

    private string? Existing(string name) => Options.ExistingConnectionStrings.GetValueOrDefault(name);
}

public sealed record AppHostEnvironment(string EnvironmentName)
{
    public bool IsDevelopment() => string.Equals(EnvironmentName, "Development", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Aspire's fluent calls on resources.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.Add(database);
    }

    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> source)
    {
        project.Resource.References.Add((Resource)source.Resource);
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> source)
    {
        project.Resource.References.Add(source.Resource);
        return project;
    }

    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> resource, IResourceBuilder<Resource> dependency) where T : Resource
    {
        resource.Resource.WaitsFor.Add(dependency.Resource);
        return resource;
    }

    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> project, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        project.Resource.ReplicaCount = replicas;
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> project, int port)
    {
        project.Resource.HttpPort = port;
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> project)
    {
        project.Resource.HasExternalHttpEndpoints = true;
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> project, string name, string value)
    {
        project.Resource.Environment[name] = value;
        return project;
    }

    public static IResourceBuilder<ParameterResource> WithDescription(this IResourceBuilder<ParameterResource> parameter, string description)
    {
        parameter.Resource.Description = description;
        return parameter;
    }

    /// <summary>Aspire's <c>GetEndpoint("http")</c>: the project's address, for another project's environment.</summary>
    public static EndpointReference GetEndpoint(this IResourceBuilder<ProjectResource> project, string name) =>
        name == "http" ? new EndpointReference(project.Resource, name) : throw new ArgumentException($"Projects have an 'http' endpoint only, not '{name}'.", nameof(name));

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> project, string name, EndpointReference endpoint)
    {
        project.Resource.EndpointEnvironment[name] = endpoint;
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> project, string name, IResourceBuilder<ParameterResource> parameter) =>
        project.WithEnvironment(name, parameter.Resource.Value);
}
