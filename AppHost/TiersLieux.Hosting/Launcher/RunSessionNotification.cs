using System.Text.Json;
using System.Text.Json.Serialization;

namespace TiersLieux.Hosting.Launcher;

/// <summary>
/// A run-session change notification, as DCP reads them from the session endpoint's WebSocket (Aspire's
/// docs/specs/IDE-execution.md): started (processRestarted), terminated, a line of output, or a message. Each type
/// carries its own fields; the others are left out (<see cref="SerializerOptions"/>).
/// </summary>
internal sealed record RunSessionNotification(
    [property: JsonPropertyName("notification_type")] string Type,
    [property: JsonPropertyName("session_id")] string SessionId)
{
    public static readonly JsonSerializerOptions SerializerOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [JsonPropertyName("pid")]
    public int? Pid { get; init; }

    [JsonPropertyName("exit_code")]
    public int? ExitCode { get; init; }

    [JsonPropertyName("is_std_err")]
    public bool? IsStdErr { get; init; }

    [JsonPropertyName("log_message")]
    public string? LogMessage { get; init; }

    [JsonPropertyName("level")]
    public string? Level { get; init; }

    [JsonPropertyName("message")]
    public string? Text { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    public static RunSessionNotification Started(string session, int pid) => new("processRestarted", session) { Pid = pid };

    public static RunSessionNotification Terminated(string session, int exitCode) =>
        // The protocol's exit code is unsigned: a process killed by a signal reports 128 + the signal, as a shell does.
        new("sessionTerminated", session) { ExitCode = exitCode < 0 ? 128 - exitCode : exitCode };

    public static RunSessionNotification Log(string session, string line, bool isError) =>
        new("serviceLogs", session) { IsStdErr = isError, LogMessage = line };

    public static RunSessionNotification Error(string session, string code, string text) =>
        new("sessionMessage", session) { Level = "error", Code = code, Text = text };
}
