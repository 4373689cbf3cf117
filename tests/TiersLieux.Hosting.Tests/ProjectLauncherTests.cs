using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using TiersLieux.Hosting.Launcher;
using TiersLieux.Hosting.Processes;
using TiersLieux.Testing;

namespace TiersLieux.Hosting.Tests;

/// <summary>
/// The run-session endpoint as DCP talks to it (Aspire's docs/specs/IDE-execution.md): a session starts the project's
/// build output with the environment it is given, in a session of its own; the pid, every line and the exit come back
/// on the notification socket; a DELETE stops it gracefully. The project here is a small script standing where the SDK
/// writes a project's native launcher.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ProjectLauncherTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tierslieux-launcher", Guid.NewGuid().ToString("N")[..12]);
    private ProjectLauncher _launcher = null!;
    private HttpClient _http = null!;
    private readonly List<JsonObject> _unread = [];

    public async ValueTask InitializeAsync()
    {
        _launcher = await ProjectLauncher.StartAsync(new TiersLieux.Hosting.Launcher.ProjectOutputs("Release", "net10.0"));
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_launcher.Port}") };
        _http.DefaultRequestHeaders.Authorization = new("Bearer", _launcher.Token);
    }

    [Fact]
    public async Task A_session_runs_the_build_output_reports_its_pid_lines_and_exit_and_a_delete_stops_it_gracefully()
    {
        var project = Project("Greeter", """
            #!/bin/bash
            trap 'echo "stopping $GREETING"; exit 0' TERM
            echo "started $GREETING in $PWD"
            echo "an error line" >&2
            while true; do sleep 0.1; done
            """);
        using var socket = await NotificationsAsync();

        using var created = await _http.PutAsJsonAsync("/run_session?api-version=2025-10-01", Request(project, ("GREETING", "bonjour")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = created.Headers.Location!.Segments[^1];

        var started = await NextAsync(socket, "processRestarted", session);
        var pid = started["pid"]!.GetValue<int>();
        Assert.Equal($"started bonjour in {Path.GetDirectoryName(project)}", (await NextAsync(socket, "serviceLogs", session, stdErr: false))["log_message"]!.GetValue<string>());
        Assert.Equal("an error line", (await NextAsync(socket, "serviceLogs", session, stdErr: true))["log_message"]!.GetValue<string>());
        // A session of its own (ps's sid is field 6 of /proc/<pid>/stat): a signal to the AppHost's group is not its.
        Assert.Equal(pid, SessionOf(pid));

        using var deleted = await _http.DeleteAsync($"/run_session/{session}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("stopping bonjour", (await NextAsync(socket, "serviceLogs", session, stdErr: false))["log_message"]!.GetValue<string>());
        Assert.Equal(0, (await NextAsync(socket, "sessionTerminated", session))["exit_code"]!.GetValue<int>());
        Assert.False(Signals.IsAlive(pid));

        using var again = await _http.DeleteAsync($"/run_session/{session}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task A_session_deleted_as_soon_as_it_is_created_does_not_leave_its_process_running()
    {
        var project = Project("Sleeper", """
            #!/bin/bash
            trap 'exit 0' TERM
            while true; do sleep 0.1; done
            """);
        using var socket = await NotificationsAsync();

        using var created = await _http.PutAsJsonAsync("/run_session", Request(project), TestContext.Current.CancellationToken);
        var session = created.Headers.Location!.Segments[^1];
        // At once, as DCP may. The fork usually wins this race here (the test passed without the guard too); what it
        // holds is that a session deleted that early is stopped all the same.
        using var deleted = await _http.DeleteAsync($"/run_session/{session}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        var pid = (await NextAsync(socket, "processRestarted", session))["pid"]!.GetValue<int>();
        await NextAsync(socket, "sessionTerminated", session);
        Assert.False(Signals.IsAlive(pid));
    }

    [Fact]
    public async Task A_process_that_dies_is_reported_with_its_exit_code()
    {
        var project = Project("Crasher", """
            #!/bin/bash
            echo "giving up"
            exit 3
            """);
        using var socket = await NotificationsAsync();

        using var created = await _http.PutAsJsonAsync("/run_session", Request(project), TestContext.Current.CancellationToken);
        var session = created.Headers.Location!.Segments[^1];

        Assert.Equal("giving up", (await NextAsync(socket, "serviceLogs", session, stdErr: false))["log_message"]!.GetValue<string>());
        Assert.Equal(3, (await NextAsync(socket, "sessionTerminated", session))["exit_code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Without_the_token_nothing_is_answered_and_an_unbuilt_project_is_refused_with_a_reason()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        using var refused = await anonymous.GetAsync("/info", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var info = await _http.GetFromJsonAsync<JsonObject>("/info", TestContext.Current.CancellationToken);
        Assert.Contains("project", info!["supported_launch_configurations"]!.AsArray().Select(value => value!.GetValue<string>()));

        var unbuilt = Path.Combine(_root, "Unbuilt", "Unbuilt.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(unbuilt)!);
        using var response = await _http.PutAsJsonAsync("/run_session", Request(unbuilt), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["error"]!;
        Assert.Equal("ProjectNotBuilt", error["code"]!.GetValue<string>());
        Assert.Contains(Path.Combine("Unbuilt", "bin", "Release", "net10.0"), error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>A project file and, where its build would be, an executable script named after it.</summary>
    private string Project(string name, string script)
    {
        var directory = Path.Combine(_root, name);
        var output = Path.Combine(directory, "bin", "Release", "net10.0");
        Directory.CreateDirectory(output);
        var projectPath = Path.Combine(directory, $"{name}.csproj");
        File.WriteAllText(projectPath, "<Project />");
        var executable = Path.Combine(output, name);
        File.WriteAllText(executable, script.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return projectPath;
    }

    private static JsonObject Request(string projectPath, params (string Name, string Value)[] environment) => new()
    {
        ["launch_configurations"] = new JsonArray(new JsonObject { ["type"] = "project", ["project_path"] = projectPath, ["mode"] = "NoDebug" }),
        ["env"] = new JsonArray([.. environment.Select(variable => (JsonNode)new JsonObject { ["name"] = variable.Name, ["value"] = variable.Value })]),
        ["args"] = new JsonArray(),
    };

    private async Task<ClientWebSocket> NotificationsAsync()
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {_launcher.Token}");
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_launcher.Port}/run_session/notify"), TestContext.Current.CancellationToken);
        return socket;
    }

    /// <summary>
    /// The next notification of this type for this session; others read meanwhile are kept for later calls (stdout and
    /// stderr lines may come in either order). Bounded, so that a missing notification fails instead of hanging.
    /// </summary>
    private async Task<JsonObject> NextAsync(ClientWebSocket socket, string type, string session, bool? stdErr = null)
    {
        bool Matches(JsonObject notification) => notification["notification_type"]!.GetValue<string>() == type
            && notification["session_id"]!.GetValue<string>() == session
            && (stdErr is null || notification["is_std_err"]!.GetValue<bool>() == stdErr);

        if (_unread.FirstOrDefault(Matches) is { } kept)
        {
            _unread.Remove(kept);
            return kept;
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(2));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, bound.Token);
                message.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            Assert.NotEqual(WebSocketMessageType.Close, received.MessageType);
            var notification = JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!.AsObject();
            if (Matches(notification))
            {
                return notification;
            }

            _unread.Add(notification);
        }
    }

    private static int SessionOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[3], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _launcher.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
