using System.Reflection;
using System.Runtime.Versioning;

namespace TiersLieux.Hosting.Launcher;

/// <summary>
/// Where a project's build lands: <c>bin/&lt;configuration&gt;/&lt;framework&gt;/</c> beside its project file, built
/// with the AppHost's own configuration and framework (the solution builds them together; <c>dotnet run</c> would take
/// the same configuration from Aspire's <c>--configuration</c>). The assembly is named after the project file.
/// </summary>
internal sealed class ProjectOutputs(string configuration, string targetFramework)
{
    public static ProjectOutputs Of(Assembly appHost)
    {
        var configuration = appHost.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new FrameworkName(appHost.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName ?? AppContext.TargetFrameworkName!);
        return new ProjectOutputs(configuration, $"net{framework.Version.Major}.{framework.Version.Minor}");
    }

    /// <summary>The native launcher the SDK writes beside the assembly, else <c>dotnet &lt;assembly&gt;</c>; null before a build.</summary>
    public (string FileName, string[] Arguments)? ExecutableOf(string projectPath)
    {
        var directory = Describe(projectPath);
        var name = Path.GetFileNameWithoutExtension(projectPath);
        var native = Path.Combine(directory, name);
        if (File.Exists(native))
        {
            return (native, []);
        }

        var assembly = native + ".dll";
        return File.Exists(assembly) ? ("dotnet", [assembly]) : null;
    }

    public string Describe(string projectPath) =>
        Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, targetFramework);
}
