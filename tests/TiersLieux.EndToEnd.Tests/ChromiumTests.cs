using Microsoft.Playwright;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>The accessibility check every page of the end-to-end tests goes through finds what it must.</summary>
public sealed class ChromiumTests
{
    [Fact]
    public async Task The_accessibility_check_fails_on_an_image_without_text_and_a_link_told_by_colour_alone()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(Chromium.Phone);
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="fr"><head><title>Essai</title></head>
            <body style="color: #333; background: #fff"><main><h1>Essai</h1>
            <p>Le texte d'un paragraphe <a href="/ailleurs" style="color: #0078a8; text-decoration: none">et un lien</a> au milieu.</p>
            <img src="/logo.png" width="10" height="10">
            </main></body></html>
            """);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Chromium.AssertAccessibleAsync(page));

        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("link-in-text-block", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_accessibility_check_passes_the_same_page_made_accessible()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(Chromium.Phone);
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="fr"><head><title>Essai</title></head>
            <body style="color: #333; background: #fff"><main><h1>Essai</h1>
            <p>Le texte d'un paragraphe <a href="/ailleurs" style="color: #0078a8; text-decoration: underline">et un lien</a> au milieu.</p>
            <img src="/logo.png" width="10" height="10" alt="Logo du réseau">
            </main></body></html>
            """);

        await Chromium.AssertAccessibleAsync(page);
    }
}
