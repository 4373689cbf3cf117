using System.Globalization;
using System.Text;
using TiersLieux.Hosting.Resources;

namespace TiersLieux.Hosting;

/// <summary>
/// The AppHost's console: one line per state change, the last lines of a resource that fails, and the table of
/// resources, states and URLs each time everything becomes healthy.
/// </summary>
internal sealed class ConsoleReporter(IReadOnlyList<RunnableResource> runnables, bool verbose, IReadOnlyList<ParameterResource> shownSecrets)
{
    private readonly CancellationTokenSource _stop = new();
    private string? _dashboardUrl;

    public void Start(string? dashboardUrl, string? loginUrl)
    {
        _dashboardUrl = dashboardUrl;
        Console.WriteLine($"TiersLieux AppHost: {runnables.Count} resources{(dashboardUrl is null ? "" : $", dashboard {dashboardUrl}")}");
        if (loginUrl is not null)
        {
            // As Aspire does: the dashboard is reachable beyond this machine, so it opens only with this token.
            Console.WriteLine($"Login to the dashboard at {loginUrl}");
        }

        foreach (var resource in runnables)
        {
            resource.StateChanged += OnStateChanged;
            if (verbose)
            {
                resource.Log.Written += line => Console.WriteLine($"{resource.Name,-16} | {line.Text}");
            }
        }

        _ = Task.Run(WatchHealthAsync);
    }

    public void Stop() => _stop.Cancel();

    private void OnStateChanged(RunnableResource resource, ResourceState state)
    {
        Console.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} {resource.Name,-16} {state}");
        if (state is ResourceState.FailedToStart or ResourceState.Exited && !_stop.IsCancellationRequested && !verbose)
        {
            foreach (var line in resource.Log.Read(max: 15))
            {
                Console.WriteLine($"    {resource.Name} | {line.Text}");
            }
        }
    }

    private async Task WatchHealthAsync()
    {
        var wasHealthy = false;
        while (!_stop.IsCancellationRequested)
        {
            var healthy = runnables.All(r => r.State == ResourceState.Running && r.Health == HealthStatus.Healthy);
            if (healthy && !wasHealthy)
            {
                Console.Write(Table());
            }

            wasHealthy = healthy;
            try
            {
                await Task.Delay(250, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{DateTimeOffset.Now:HH:mm:ss} all resources are running and healthy:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"RESOURCE",-16} {"TYPE",-20} {"STATE",-9} {"HEALTH",-9} {"PID",-8} ENDPOINTS");
        foreach (var resource in runnables)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {resource.Name,-16} {resource.Type,-20} {resource.State,-9} {resource.Health,-9} {resource.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",-8} {string.Join(" ", resource.Endpoints)}");
        }

        foreach (var secret in shownSecrets)
        {
            var description = secret.Description is null ? "" : $"   {secret.Description}";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {secret.Name}: {secret.Value}{description}   (shown in Development only)");
        }

        if (_dashboardUrl is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  dashboard: {_dashboardUrl}   (Ctrl+C stops everything)");
        }

        return text.ToString();
    }
}
