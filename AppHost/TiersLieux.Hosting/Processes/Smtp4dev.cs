using System.Globalization;

namespace TiersLieux.Hosting.Processes;

/// <summary>
/// smtp4dev, the development mail server (a real SMTP server that keeps every message and shows it in a web UI),
/// from the <c>Rnwood.Smtp4dev</c> dotnet tool of the repository's manifest (<c>dotnet tool restore</c>). Run as its
/// own executable rather than through <c>dotnet tool run</c>, so that a stop signal reaches the server itself.
/// </summary>
public static class Smtp4dev
{
    public const string Version = "3.15.0";

    /// <summary>The tool's executable in the NuGet cache, where <c>dotnet tool restore</c> puts it.</summary>
    public static string Executable
    {
        get
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var path = Path.Combine(packages, "rnwood.smtp4dev.linux-x64", Version, "tools", "net10.0", "linux-x64", "Rnwood.Smtp4dev");
            return File.Exists(path) ? path : throw new InvalidOperationException($"smtp4dev {Version} not found at {path} (run eng/prerequisites.sh or dotnet tool restore).");
        }
    }

    /// <summary>
    /// Loopback only, messages in memory (a development server: they are gone at its next start), settings and its
    /// data under <paramref name="dataDirectory"/> rather than the user's profile, no POP3, and room for a test's
    /// hundreds of messages.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string dataDirectory, int smtpPort, int imapPort, int webPort) =>
    [
        $"--baseappdatapath={dataDirectory}",
        "--nousersettings",
        "--db=",
        "--hostname=localhost",
        "--bindaddress=127.0.0.1",
        "--disableipv6",
        $"--smtpport={smtpPort.ToString(CultureInfo.InvariantCulture)}",
        $"--imapport={imapPort.ToString(CultureInfo.InvariantCulture)}",
        "--pop3port=0",
        "--messagestokeep=5000",
        "--sessionstokeep=100",
        $"--urls=http://127.0.0.1:{webPort.ToString(CultureInfo.InvariantCulture)}",
    ];
}
