using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Directory.Api.Domain;

public sealed record NetworkEventDetails(string Title, NetworkEventKind Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid? PlaceId,
    string? Location, string? Description, Uri? Url)
{
    public Errors Validate(DateTimeOffset now)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > 200)
        {
            errors.Add("title", "The title is required (200 characters at most).");
        }

        if (EndsAt <= StartsAt)
        {
            errors.Add("endsAt", "An event ends after it starts.");
        }
        else if (EndsAt - StartsAt > TimeSpan.FromDays(14))
        {
            errors.Add("endsAt", "An event lasts 14 days at most.");
        }

        if (StartsAt < now.AddYears(-1) || StartsAt > now.AddYears(3))
        {
            errors.Add("startsAt", "An event starts within the past year or the next three.");
        }

        if (Location is { Length: > 300 })
        {
            errors.Add("location", "The location has 300 characters at most.");
        }

        if (Description is { Length: > 4000 })
        {
            errors.Add("description", "The description has 4,000 characters at most.");
        }

        if (Url is not null && (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttps && Url.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add("url", "The link is an absolute http or https address.");
        }

        return errors;
    }
}
