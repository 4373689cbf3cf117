using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting.Launcher;

/// <summary>
/// The run-session endpoint DCP hands a project to when its execution type is IDE (Aspire's
/// docs/specs/IDE-execution.md, the protocol Visual Studio and <c>dotnet watch</c> implement): it starts the project's
/// built executable itself, with the environment and arguments DCP computed, instead of DCP starting
/// <c>dotnet run --no-build</c>, whose MSBuild evaluation cost 1–3 s of CPU per replica and a resident wrapper of
/// 124–138 MiB beside each one. Loopback only, every request carrying the bearer token DCP was given.
/// </summary>
internal sealed class ProjectLauncher : IAsyncDisposable
{
    /// <summary>The protocol versions whose requests this endpoint reads (the 2025-10-01 one adds session messages).</summary>
    public const string Info = """{"protocols_supported":["2024-03-03","2024-04-23","2025-10-01"],"supported_launch_configurations":["project"]}""";

    private readonly WebApplication _app;
    private readonly LaunchThread _launchThread = new();
    private readonly ConcurrentDictionary<string, RunSession> _sessions = new();
    private readonly ConcurrentDictionary<Channel<RunSessionNotification>, byte> _subscribers = new(); // a set: one queue per notification socket
    private readonly ProjectOutputs _outputs;
    private int _nextSession;

    private ProjectLauncher(WebApplication app, ProjectOutputs outputs, string token)
    {
        _app = app;
        _outputs = outputs;
        Token = token;
        app.UseWebSockets();
        app.Run(HandleAsync);
    }

    public string Token { get; }

    public int Port { get; private set; }

    public static async Task<ProjectLauncher> StartAsync(ProjectOutputs outputs)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var launcher = new ProjectLauncher(builder.Build(), outputs, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
        await launcher._app.StartAsync();
        var address = launcher._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        launcher.Port = new Uri(address).Port;
        return launcher;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString()), Encoding.UTF8.GetBytes($"Bearer {Token}")))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var path = request.Path.Value ?? "";
        switch (request.Method, path)
        {
            case ("GET", "/info"):
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Info);
                break;
            case ("GET", "/run_session/notify") when context.WebSockets.IsWebSocketRequest:
                await SubscribeAsync(context.WebSockets, context.RequestAborted);
                break;
            case ("PUT", "/run_session"):
                await CreateSessionAsync(context);
                break;
            case ("DELETE", _) when path.StartsWith("/run_session/", StringComparison.Ordinal):
                context.Response.StatusCode = await StopSessionAsync(path["/run_session/".Length..]);
                break;
            default:
                // Among others the dashboard's questions for an IDE (telemetry, an assistant): there is none.
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private async Task CreateSessionAsync(HttpContext context)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException error)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRequest", $"The run session request is not JSON: {error.Message}");
            return;
        }

        var project = body?["launch_configurations"]?.AsArray().FirstOrDefault(configuration => (string?)configuration?["type"] == "project");
        if (project?["project_path"]?.GetValue<string>() is not { Length: > 0 } projectPath)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "UnsupportedLaunchConfiguration", "Only project launch configurations with a project_path are run here.");
            return;
        }

        if (_outputs.ExecutableOf(projectPath) is not { } executable)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "ProjectNotBuilt",
                $"No build output for {projectPath} in {_outputs.Describe(projectPath)}: build the solution first (./run.sh does).");
            return;
        }

        // In a session of its own (a signal to the AppHost's process group is the AppHost's to handle: it stops the
        // services before the servers), and SIGTERM from the kernel when the launching thread, i.e. the AppHost, goes.
        string[] arguments = ["setpriv", "--pdeathsig", "TERM", "--", executable.FileName, .. executable.Arguments,
            .. (body?["args"]?.AsArray() ?? []).Select(argument => argument?.GetValue<string>() ?? "")];
        var environment = new Dictionary<string, string?>();
        foreach (var variable in body?["env"]?.AsArray() ?? [])
        {
            if (variable?["name"]?.GetValue<string>() is { Length: > 0 } name)
            {
                environment[name] = variable["value"]?.GetValue<string>() ?? "";
            }
        }

        var id = Interlocked.Increment(ref _nextSession).ToString(CultureInfo.InvariantCulture);
        var session = new RunSession(id, Notify);
        _sessions[id] = session;
        _ = session.Exited.ContinueWith(_ => _sessions.TryRemove(id, out var _), TaskScheduler.Default);
        // Started once DCP has the session's id: every notification about it comes after.
        // What DCP keeps from a project too: the AppHost's own environment name is not the project's, and the
        // session's variables are the AppHost's alone.
        context.Response.OnCompleted(() => session.StartAsync(executable.FileName, log => ManagedProcess.StartAsync("setsid", arguments, log, _launchThread.StartAsync,
            Path.GetDirectoryName(projectPath), environment, removeEnvironment: ["DEBUG_SESSION_", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"])));
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = $"http://localhost:{Port}/run_session/{id}";
    }

    private async Task<int> StopSessionAsync(string id)
    {
        if (!_sessions.TryGetValue(id, out var session))
        {
            return StatusCodes.Status204NoContent;
        }

        await session.StopAsync();
        return StatusCodes.Status200OK;
    }

    private void Notify(RunSessionNotification notification)
    {
        foreach (var queue in _subscribers.Keys)
        {
            queue.Writer.TryWrite(notification);
        }
    }

    private async Task SubscribeAsync(WebSocketManager webSockets, CancellationToken aborted)
    {
        // Subscribed before the handshake is answered: DCP sends its first PUT as soon as it has the answer, and the
        // notifications of that session (a process that prints and exits at once) must not fall between the two.
        var queue = Channel.CreateUnbounded<RunSessionNotification>(new UnboundedChannelOptions { SingleReader = true });
        _subscribers[queue] = 0;
        WebSocket socket;
        try
        {
            socket = await webSockets.AcceptWebSocketAsync();
        }
        catch
        {
            _subscribers.TryRemove(queue, out _);
            throw;
        }

        // Reading is what answers DCP's pings and notices its Close.
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[1024];
            try
            {
                while (socket.State == WebSocketState.Open && (await socket.ReceiveAsync(buffer, aborted)).MessageType != WebSocketMessageType.Close)
                {
                }
            }
            catch (Exception error) when (error is WebSocketException or OperationCanceledException)
            {
            }
            finally
            {
                queue.Writer.TryComplete();
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var notification in queue.Reader.ReadAllAsync(aborted))
            {
                await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(notification, RunSessionNotification.SerializerOptions), WebSocketMessageType.Text, endOfMessage: true, aborted);
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            _subscribers.TryRemove(queue, out _);
            await reading;
        }
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
    }

    /// <summary>Stops every project still running (the AppHost's own shutdown has normally stopped them through DCP), then the endpoint.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_sessions.Values.Select(session => session.StopAsync()));
        foreach (var queue in _subscribers.Keys)
        {
            queue.Writer.TryComplete();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _launchThread.Dispose();
    }
}
