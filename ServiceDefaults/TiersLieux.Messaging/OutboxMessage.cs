using System.Diagnostics;
using System.Text.Json;

namespace TiersLieux.Messaging;

/// <summary>
/// An integration event written in the same transaction as the business change that caused it, and published
/// by the <see cref="OutboxDispatcher{TContext}"/> once committed. Its <see cref="MessageId"/> is fixed here, so
/// a re-send carries the same id and the consumers' inbox recognises it.
/// </summary>
public sealed class OutboxMessage
{
    internal static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web);
    private static readonly string Publisher = $"{Environment.MachineName}/{Environment.ProcessId}";

    private OutboxMessage()
    {
    }

    /// <summary>Insertion order; the dispatcher publishes in this order.</summary>
    public long Sequence { get; private set; }

    public Guid MessageId { get; private set; }

    /// <summary>"Namespace.Type, Assembly" of the contract, without version, so a contracts upgrade still resolves.</summary>
    public string MessageType { get; private set; } = "";

    public string Body { get; private set; } = "";

    /// <summary>W3C traceparent of the request that wrote the event: the publish joins the request's trace.</summary>
    public string? TraceParent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Which process published it (host/pid): shows how replicas shared the work.</summary>
    public string? SentBy { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public static OutboxMessage Create<TEvent>(TEvent integrationEvent, DateTimeOffset now) where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var type = integrationEvent.GetType();
        return new OutboxMessage
        {
            MessageId = Guid.CreateVersion7(now),
            MessageType = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Body = JsonSerializer.Serialize(integrationEvent, type, BodyJson),
            TraceParent = Activity.Current?.Id,
            CreatedAt = now,
        };
    }

    public (object Message, Type Type) Deserialize()
    {
        var type = Type.GetType(MessageType, throwOnError: true)!;
        var message = JsonSerializer.Deserialize(Body, type, BodyJson)
            ?? throw new InvalidOperationException($"Outbox message {MessageId} has an empty body.");
        return (message, type);
    }

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        SentBy = Publisher;
        Attempts++;
        LastError = null;
    }

    public void RecordFailure(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Attempts++;
        LastError = error.Message.Length > 2000 ? error.Message[..2000] : error.Message;
    }
}
