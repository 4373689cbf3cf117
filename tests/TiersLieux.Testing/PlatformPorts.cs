using System.Globalization;
using TiersLieux.Hosting.Processes;
using TiersLieux.Topology;

namespace TiersLieux.Testing;

/// <summary>
/// A free port for every fixed one of <c>./run.sh</c> (the servers', and every project listening on its own port):
/// a test's AppHost must not meet a developer's, nor another test's.
/// </summary>
public static class PlatformPorts
{
    /// <summary>The AppHost settings, <c>Ports:&lt;name&gt;</c> → a free port.</summary>
    public static Dictionary<string, string> Free() => new[]
        {
            ResourceNames.Postgres, ResourceNames.Messaging, "messaging-management", ResourceNames.Smtp, "smtp-web",
            ResourceNames.Gateway, ResourceNames.Web, ResourceNames.MembershipApi, ResourceNames.DirectoryApi,
            ResourceNames.EquipmentApi, ResourceNames.TrainingApi, ResourceNames.NotificationsApi,
        }
        .ToDictionary(name => $"Ports:{name}", _ => FreePort.Next().ToString(CultureInfo.InvariantCulture));
}
