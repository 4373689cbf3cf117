using System.Net.Mail;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Membership.Api.Domain;

/// <summary>What a member is made of, checked as a whole.</summary>
public sealed record MemberDetails(
    string FirstName,
    string LastName,
    string Email,
    string? Phone,
    Guid? OrganisationId,
    IReadOnlyList<Guid> PlaceIds,
    FunderProfile? FunderProfile)
{
    public Errors Validate(DateTimeOffset now)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(FirstName) || FirstName.Length > 100)
        {
            errors.Add("firstName", "The first name is required (100 characters at most).");
        }

        if (string.IsNullOrWhiteSpace(LastName) || LastName.Length > 100)
        {
            errors.Add("lastName", "The last name is required (100 characters at most).");
        }

        var email = Email.Trim();
        if (email.Length > 254 || !MailAddress.TryCreate(email, out var address) || address.Address != email || !email.Contains('.', StringComparison.Ordinal))
        {
            errors.Add("email", "The email is not a valid address.");
        }

        if (Phone is { Length: > 30 })
        {
            errors.Add("phone", "The phone number has 30 characters at most.");
        }

        if (PlaceIds.Count == 0)
        {
            errors.Add("placeIds", "A member is attached to at least one place.");
        }

        if (FunderProfile is not null)
        {
            foreach (var (field, messages) in FunderProfile.Validate(now).ToDictionary())
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }
        }

        return errors;
    }
}
