using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace TiersLieux.Testing.Security;

/// <summary>A browser filling in one of membership's server-rendered forms: its hidden fields (antiforgery) kept, ours added.</summary>
public static partial class HtmlForm
{
    /// <summary>Opens <paramref name="page"/> and posts its form with <paramref name="fields"/> besides the hidden ones.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, Uri page, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(fields);
        using var opened = await browser.GetAsync(page);
        var html = await opened.Content.ReadAsStringAsync();
        Assert.True(opened.IsSuccessStatusCode, $"{page}: {(int)opened.StatusCode} {html}");
        var form = HiddenFields(html);
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        using var content = new FormUrlEncodedContent(form);
        return await browser.PostAsync(Action(html), content);
    }

    public static Dictionary<string, string> HiddenFields(string html) => HiddenField().Matches(html).ToDictionary(
        match => WebUtility.HtmlDecode(match.Groups["name"].Value), match => WebUtility.HtmlDecode(match.Groups["value"].Value));

    public static string Action(string html) => WebUtility.HtmlDecode(FormAction().Match(html).Groups["action"].Value);

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+)\">")]
    private static partial Regex FormAction();
}
