using System.Text.Json.Serialization;

namespace TiersLieux.Hosting.LocalRabbitMQ;

/// <summary>One queue as the management API reports it.</summary>
public sealed record QueueDepth(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("messages_ready")] long Ready,
    [property: JsonPropertyName("messages_unacknowledged")] long Unacknowledged,
    [property: JsonPropertyName("consumers")] int Consumers)
{
    /// <summary>MassTransit moves a message that failed every retry to <c>&lt;queue&gt;_error</c>.</summary>
    public const string ErrorSuffix = "_error";

    public bool IsDeadLetterQueue => Name.EndsWith(ErrorSuffix, StringComparison.Ordinal);
}
