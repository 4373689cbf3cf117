using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Tests.Domain;

public sealed class OutgoingMailTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 12, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_failed_attempt_waits_twice_as_long_each_time_up_to_ten_minutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), OutgoingMail.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(4), OutgoingMail.Backoff(2));
        Assert.Equal(TimeSpan.FromSeconds(512), OutgoingMail.Backoff(9));
        Assert.Equal(TimeSpan.FromMinutes(10), OutgoingMail.Backoff(10));
        Assert.Equal(TimeSpan.FromMinutes(10), OutgoingMail.Backoff(25));
    }

    [Fact]
    public void A_failure_releases_the_lease_and_schedules_the_next_attempt_until_the_last_one()
    {
        var mail = new OutgoingMail { Attempts = 3, LeasedUntil = Now.AddMinutes(2), Status = MailStatus.Queued };

        mail.Failed("Connection refused", Now);

        Assert.Null(mail.LeasedUntil);
        Assert.Equal(MailStatus.Queued, mail.Status);
        Assert.Equal(Now.AddSeconds(8), mail.NextAttemptAt);

        mail.Attempts = OutgoingMail.MaxAttempts;
        mail.Failed("Connection refused", Now);
        Assert.Equal(MailStatus.Failed, mail.Status);
    }

    [Fact]
    public void An_erased_recipient_takes_no_later_state()
    {
        var recipient = new Recipient { MemberId = Guid.NewGuid() };
        Assert.True(recipient.TryApply("Léa Martin", "lea@example.org", [], 1));
        Assert.False(recipient.TryApply("Léa M.", "lea@example.org", [], 1));

        recipient.Erase();

        Assert.False(recipient.TryApply("Léa Martin", "lea@example.org", [], 5));
        Assert.Equal("", recipient.Email);
    }
}
