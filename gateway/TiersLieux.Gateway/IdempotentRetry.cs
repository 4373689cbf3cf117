using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace TiersLieux.Gateway;

/// <summary>
/// When a replica cannot be reached (stopped, crashed, restarting), a read is sent again to another replica of the
/// same service instead of answering 502, or to the same address when the service has only one (a balancer in front
/// of its replicas): GET, HEAD and OPTIONS change nothing, so sending them twice is safe. Writes
/// are never re-sent (the first may have been applied); they get the 502 and the client decides. Passive health
/// checks meanwhile take the dead replica out of the rotation for everyone.
/// </summary>
public static class IdempotentRetry
{
    /// <summary>At most this many more tries after the first.</summary>
    public const int MaxRetries = 2;

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var method = context.Request.Method;
        if (!(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)))
        {
            await next();
            return;
        }

        var proxy = context.GetReverseProxyFeature();
        HashSet<DestinationState>? failed = null;
        for (var attempt = 0; ; attempt++)
        {
            await next();
            // Only a failure to connect or to get the answer's headers: nothing has reached the client yet.
            if (context.GetForwarderErrorFeature() is not { Error: ForwarderError.Request } || context.Response.HasStarted || attempt >= MaxRetries)
            {
                return;
            }

            failed ??= [];
            if (proxy.ProxiedDestination is { } destination)
            {
                failed.Add(destination);
            }

            var others = proxy.AllDestinations
                .Where(candidate => !failed.Contains(candidate) && candidate.Health.Active != DestinationHealth.Unhealthy && candidate.Health.Passive != DestinationHealth.Unhealthy)
                .ToList();

            // Load balancing picks among these on the next pass; the error of the failed try is forgotten. With none
            // left, the same destinations again: a destination may itself spread requests over replicas (DCP's proxy
            // in front of booking's three, a Kubernetes service), and the next connection reaches a live one.
            if (others.Count > 0)
            {
                proxy.AvailableDestinations = others;
            }

            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.StatusCode = StatusCodes.Status200OK;
            GatewayMetrics.Retries.Add(1);
        }
    }
}
