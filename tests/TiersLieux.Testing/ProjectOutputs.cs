using System.Reflection;

namespace TiersLieux.Testing;

/// <summary>
/// Where a project of this repository has its build output: the repository root and configuration this assembly
/// was built with (written into it by TiersLieux.Testing.csproj), so a test can start a service as a process.
/// </summary>
public static class ProjectOutputs
{
    private static readonly Dictionary<string, string?> Metadata = typeof(ProjectOutputs).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(attribute => attribute.Key, attribute => attribute.Value);

    public static string RepoRoot => Metadata["RepoRoot"]!;

    /// <summary>The assembly of the project in <paramref name="projectDirectory"/> (relative to the root, e.g. <c>services/Booking/TiersLieux.Booking.Api</c>).</summary>
    public static string Assembly(string projectDirectory)
    {
        ArgumentNullException.ThrowIfNull(projectDirectory);
        var name = Path.GetFileName(projectDirectory.TrimEnd('/'));
        return Path.Combine(RepoRoot, projectDirectory, "bin", Metadata["Configuration"]!, Metadata["TargetFramework"]!, $"{name}.dll");
    }

    public const string DirectoryApi = "services/Directory/TiersLieux.Directory.Api";
    public const string BookingApi = "services/Booking/TiersLieux.Booking.Api";
    public const string MembershipApi = "services/Membership/TiersLieux.Membership.Api";
    public const string NotificationsApi = "services/Notifications/TiersLieux.Notifications.Api";
    public const string Gateway = "gateway/TiersLieux.Gateway";
    public const string AppHost = "AppHost/TiersLieux.AppHost";
}
