namespace TiersLieux.Notifications.Api.Infrastructure.Mail;

/// <summary>Wakes the mail sender when a consumer queued a mail, rather than at its next poll.</summary>
public sealed class MailSignal
{
    private readonly SemaphoreSlim _queued = new(0, 1);

    public void Queued()
    {
        if (_queued.CurrentCount == 0)
        {
            try
            {
                _queued.Release();
            }
            catch (SemaphoreFullException)
            {
                // Signalled already.
            }
        }
    }

    /// <summary>Until a mail is queued or <paramref name="timeout"/> has passed.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _queued.WaitAsync(timeout, cancellationToken);
}
