namespace TiersLieux.Notifications.Api.Infrastructure;

/// <summary>
/// An event about a member whose MemberRegistered has not arrived yet (the two travel on different queues): the
/// consumer fails, and the redelivery brings the event back once the member is known.
/// </summary>
public sealed class RecipientUnknownException : Exception
{
    public RecipientUnknownException()
    {
    }

    public RecipientUnknownException(string message) : base(message)
    {
    }

    public RecipientUnknownException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public static RecipientUnknownException Of(Guid memberId) => new($"Member {memberId} is not known to notifications yet.");
}
