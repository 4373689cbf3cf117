using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting.Resources;

/// <summary>
/// A value given to projects, as Aspire's <c>AddParameter</c>: a secret is generated once and kept with the
/// AppHost's state, so it is the same on every run (and a data store that depends on it keeps opening).
/// </summary>
public sealed class ParameterResource(string name, string value, bool secret) : Resource(name)
{
    public override string Type => "Parameter";

    public string Value { get; } = value;

    public bool IsSecret { get; } = secret;

    /// <summary>What the value is for, shown beside it (Aspire's <c>WithDescription</c>).</summary>
    public string? Description { get; set; }

    /// <summary>Nothing runs: a parameter only feeds the environment of the projects that use it.</summary>
    public override IEnumerable<RunnableResource> Runnables => [];

    internal static ParameterResource Generated(string name, string stateDirectory) =>
        new(name, Secrets.StablePassword(Path.Combine(stateDirectory, "parameters", name)), secret: true);
}
