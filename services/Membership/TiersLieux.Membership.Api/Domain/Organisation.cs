using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Membership.Api.Domain;

/// <summary>A company, association or freelancer whose people are members (a coworking team, a fablab's partner).</summary>
public sealed class Organisation
{
    private Organisation()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public OrganisationKind Kind { get; private set; }

    /// <summary>Optional; when given, 14 digits with a valid Luhn key.</summary>
    public string? Siret { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static (Organisation? Organisation, Errors Errors) Create(string? name, OrganisationKind? kind, string? siret, DateTimeOffset now)
    {
        var errors = new Errors().Require("name", name).Require("kind", kind);
        if (name is { Length: > 200 })
        {
            errors.Add("name", "The name has 200 characters at most.");
        }

        var normalised = string.IsNullOrWhiteSpace(siret) ? null : Domain.Siret.Normalise(siret);
        if (normalised is not null && !Domain.Siret.IsValid(normalised))
        {
            errors.Add("siret", "The SIRET must be 14 digits with a valid check key.");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        return (new Organisation { Id = Guid.CreateVersion7(now), Name = name!.Trim(), Kind = kind!.Value, Siret = normalised, CreatedAt = now }, errors);
    }
}
