namespace TiersLieux.Testing;

/// <summary>Waits on a condition rather than for a time: a slow, shared machine only makes the wait longer.</summary>
public static class TestWait
{
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout) => UntilAsync(() => Task.FromResult(condition()), timeout);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }
}
