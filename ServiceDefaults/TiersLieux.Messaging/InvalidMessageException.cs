namespace TiersLieux.Messaging;

/// <summary>A message that can never be applied as it is: no retry, straight to the _error queue.</summary>
public sealed class InvalidMessageException : Exception
{
    public InvalidMessageException()
    {
    }

    public InvalidMessageException(string message) : base(message)
    {
    }

    public InvalidMessageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
