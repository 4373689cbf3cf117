namespace TiersLieux.Hosting;

/// <summary>
/// A project the AppHost can start, generated for each <c>ProjectReference IsProjectResource="true"</c>
/// by eng/ProjectMetadata.targets (as Aspire generates <c>Projects.*</c>).
/// </summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }

    /// <summary>The built assembly, started with <c>dotnet &lt;TargetPath&gt;</c>.</summary>
    string TargetPath { get; }
}
