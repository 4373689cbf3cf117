using System.Diagnostics;
using System.Net.Http.Headers;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace TiersLieux.Gateway;

/// <summary>
/// One span per proxied request, as edge proxies do: the gateway's server span, tagged with the replica that answered,
/// is the parent of the service's server span. HttpClient's own client span around each forward is switched off for
/// this process (<c>System.Net.Http.EnableActivityPropagation</c> in the project file): it doubled what the gateway and
/// the dashboard spend on tracing per request (measured in bench/) and said nothing the server span does not. HttpClient
/// no longer writes the trace headers then, so they are written here.
/// </summary>
public static class TraceContext
{
    /// <summary>The destination (replica) a request was forwarded to; the last one tried when a read was retried.</summary>
    public const string DestinationTag = "tierslieux.gateway.destination";

    public static ValueTask PropagateAsync(RequestTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = Activity.Current;
        var headers = context.ProxyRequest.Headers;
        var propagator = DistributedContextPropagator.Current;
        // The caller's trace headers were copied with the others; the server span continues them, so it replaces them.
        foreach (var field in propagator.Fields)
        {
            headers.Remove(field);
        }

        if (activity is not null)
        {
            propagator.Inject(activity, headers, static (carrier, name, value) => ((HttpRequestHeaders)carrier!).TryAddWithoutValidation(name, value));
            if (activity.IsAllDataRequested && context.HttpContext.Features.Get<IReverseProxyFeature>()?.ProxiedDestination is { } destination)
            {
                activity.SetTag(DestinationTag, destination.DestinationId);
            }
        }

        return ValueTask.CompletedTask;
    }
}
