using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>Debian's Chromium driven by Playwright (its own browser download is never used), and axe-core on a page.</summary>
public static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // This machine's network is closed: Chromium's own background traffic only fails and slows the start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A small phone's screen (360 × 780, touch), in French: the narrowest the site is made for.</summary>
    public static BrowserNewPageOptions Phone => new()
    {
        ViewportSize = new ViewportSize { Width = 360, Height = 780 }, IsMobile = true, HasTouch = true, Locale = "fr-FR",
    };

    /// <summary>Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is, and fails with every violation found.</summary>
    /// <remarks>
    /// axe-core's own <c>axe.run</c> in the page, returning the violations' nodes only. The package's default run
    /// (<c>RunAxe</c>) is made for cross-origin frames: it runs axe in each frame, then opens a new page in a new
    /// browser context, injects axe-core there again and merges the frames' results, every passing node included; here
    /// that took 1.0–4.3 s a page against 0.2–0.7 s for the same violations (bench/README, "The test run"). Our pages
    /// frame nothing (the partner's page that frames the embeddable map is not checked), so nothing is left untested.
    /// </remarks>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var options = new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
            ResultTypes = [ResultType.Violations],
        };
#pragma warning disable CS0618 // "Legacy" is the package's name for axe.run in the page; the version is pinned centrally.
        var results = await page.RunAxeLegacy(options: options);
#pragma warning restore CS0618
        Assert.True(results.Violations.Length == 0, $"{page.Url}: " + string.Join("\n", results.Violations.Select(violation =>
            $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString()))}")));
    }
}
