using TiersLieux.Directory.Api.Domain;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Directory.Api.Apis;

public sealed record NetworkEventRequest(string? Title, NetworkEventKind? Kind, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, Guid? PlaceId,
    string? Location, string? Description, string? Url)
{
    public (NetworkEventDetails? Details, Errors Errors) ToDetails(DateTimeOffset now)
    {
        var errors = new Errors().Require("title", Title).Require("kind", Kind).Require("startsAt", StartsAt).Require("endsAt", EndsAt);
        Uri? url = null;
        if (!string.IsNullOrWhiteSpace(Url) && !Uri.TryCreate(Url.Trim(), UriKind.Absolute, out url))
        {
            errors.Add("url", "The link is an absolute http or https address.");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var details = new NetworkEventDetails(Title!, Kind!.Value, StartsAt!.Value, EndsAt!.Value, PlaceId, Location, Description, url);
        return (details, details.Validate(now));
    }
}
