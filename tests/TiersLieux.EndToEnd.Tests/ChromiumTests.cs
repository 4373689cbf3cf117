using Microsoft.Playwright;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>The accessibility check every page of the end-to-end tests goes through finds what it must.</summary>
public sealed class ChromiumTests
{
    [Fact]
    public async Task The_accessibility_check_fails_on_an_image_without_text_and_a_link_told_by_colour_alone()
    {
        var failure = await CheckAsync(linkDecoration: "none", imageAttributes: "");

        Assert.NotNull(failure);
        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("link-in-text-block", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_accessibility_check_passes_the_same_page_made_accessible() =>
        Assert.Null(await CheckAsync(linkDecoration: "underline", imageAttributes: "alt=\"Logo du réseau\""));

    /// <summary>The check on a page with a link in a paragraph (#0078a8 beside #333, 2.6:1) and an image; what it threw.</summary>
    private static async Task<Exception?> CheckAsync(string linkDecoration, string imageAttributes)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(Chromium.Phone);
        await page.SetContentAsync($"""
            <!DOCTYPE html><html lang="fr"><head><title>Essai</title></head>
            <body style="color: #333; background: #fff"><main><h1>Essai</h1>
            <p>Le texte d'un paragraphe <a href="/ailleurs" style="color: #0078a8; text-decoration: {linkDecoration}">et un lien</a> au milieu.</p>
            <img src="/logo.png" width="10" height="10" {imageAttributes}>
            </main></body></html>
            """);
        return await Record.ExceptionAsync(() => Chromium.AssertAccessibleAsync(page));
    }
}
