using System.Xml.Linq;
using Microsoft.Extensions.Options;

namespace TiersLieux.Web.Platform;

/// <summary>/sitemap.xml: the site's pages and one per place, for search engines.</summary>
public static class Sitemap
{
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static async Task<IResult> WriteAsync(PlatformClient directory, IOptions<SiteOptions> site, CancellationToken cancellationToken)
    {
        IReadOnlyList<PlaceMarker> places;
        try
        {
            places = (await directory.MarkersAsync(new PlaceSearch(), cancellationToken)).Markers;
        }
        catch (PlatformUnavailableException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The directory is not answering; try again shortly.");
        }

        var root = site.Value.PublicUrl;
        var urls = new[] { "/", "/lieux", "/agenda", "/formations", "/attestations" }.Select(path => new Uri(root, path))
            .Concat(places.Select(place => new Uri(root, $"/lieux/{place.Id}")));
        var document = new XDocument(new XElement(Ns + "urlset", urls.Select(url => new XElement(Ns + "url", new XElement(Ns + "loc", url.ToString())))));
        return TypedResults.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + document.Root!.ToString(SaveOptions.DisableFormatting), "application/xml; charset=utf-8");
    }
}
