namespace TiersLieux.Gateway;

/// <summary>Requests per minute (fixed windows). Anonymous callers count per client IP; signed-in ones per subject.</summary>
public sealed class RateLimitOptions
{
    public int AnonymousPerMinute { get; set; } = 300;

    public int SignedInPerMinute { get; set; } = 1200;

    /// <summary>Sign-in attempts (the sign-in page's form and the token endpoint) per client IP: guessing passwords is slow.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Booking creations per subject: one member cannot hoard every slot of a place.</summary>
    public int BookingsPerMinute { get; set; } = 30;
}
