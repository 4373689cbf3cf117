using TiersLieux.Testing;

namespace TiersLieux.Hosting.Tests;

internal static class TestWaitFor
{
    /// <summary>Until no process mentions <paramref name="state"/> (postgres, beam, epmd, the wrappers), or fails saying which are left.</summary>
    public static async Task NothingMentioning(string state)
    {
        try
        {
            await TestWait.UntilAsync(() => Task.FromResult(ProcessScan.Mentioning(state).Count == 0), TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Assert.Empty(ProcessScan.Mentioning(state));
        }
    }
}
