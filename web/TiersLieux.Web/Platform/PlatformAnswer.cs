namespace TiersLieux.Web.Platform;

/// <summary>What the platform did with a member's request: the result, or the problem it answered with.</summary>
public sealed record PlatformAnswer<T>(T? Value, PlatformProblem? Problem)
{
    public bool Succeeded => Problem is null;
}
