namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The broker's <c>_error</c> queues, shown under the messaging resource: Degraded while they hold messages. A child
/// of its own, because a Degraded broker would hold back every service that waits for it at start.
/// </summary>
public sealed class DeadLetterQueuesResource(string name, LocalRabbitMQServerResource parent)
    : Resource(name), IResourceWithParent<LocalRabbitMQServerResource>
{
    public LocalRabbitMQServerResource Parent { get; } = parent ?? throw new ArgumentNullException(nameof(parent));
}
