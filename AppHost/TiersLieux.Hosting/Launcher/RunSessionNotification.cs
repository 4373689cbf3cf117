using System.Text.Json.Serialization;

namespace TiersLieux.Hosting.Launcher;

/// <summary>
/// A run-session change notification, as DCP reads them from the session endpoint's WebSocket (Aspire's
/// docs/specs/IDE-execution.md): started (processRestarted), terminated, a line of output, or a message.
/// </summary>
internal sealed record RunSessionNotification(
    [property: JsonPropertyName("notification_type")] string Type,
    [property: JsonPropertyName("session_id")] string SessionId)
{
    [JsonPropertyName("pid")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Pid { get; init; }

    [JsonPropertyName("exit_code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ExitCode { get; init; }

    [JsonPropertyName("is_std_err")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsStdErr { get; init; }

    [JsonPropertyName("log_message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LogMessage { get; init; }

    [JsonPropertyName("level")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Level { get; init; }

    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonPropertyName("code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
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
