using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Membership.Api.Domain;

/// <summary>A person of the network: a coworker, a maker, a learner; may sign in (identity comes with the member).</summary>
public sealed class Member
{
    private readonly List<MemberPlace> _places = [];

    private Member()
    {
    }

    public Guid Id { get; private set; }

    public string FirstName { get; private set; } = "";

    public string LastName { get; private set; } = "";

    /// <summary>As given; <see cref="NormalisedEmail"/> is what is unique across the network.</summary>
    public string Email { get; private set; } = "";

    public string NormalisedEmail { get; private set; } = "";

    public string? Phone { get; private set; }

    public Guid? OrganisationId { get; private set; }

    public FunderProfile? FunderProfile { get; private set; }

    public MemberStatus Status { get; private set; }

    public string? SuspensionReason { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The places the member is attached to (where they signed up, where they usually come).</summary>
    public IReadOnlyCollection<MemberPlace> Places => _places;

    public string DisplayName => $"{FirstName} {LastName}";

    public IReadOnlyList<Guid> PlaceIds => [.. _places.Select(place => place.PlaceId).Order()];

    public static (Member? Member, Errors Errors) Register(MemberDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = details.Validate(now);
        if (errors.Any)
        {
            return (null, errors);
        }

        var member = new Member { Id = Guid.CreateVersion7(now), Status = MemberStatus.Active, Version = 1, CreatedAt = now };
        member.Apply(details, now);
        return (member, errors);
    }

    public Errors Update(MemberDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = details.Validate(now);
        if (Status == MemberStatus.Erased)
        {
            errors.Add("status", "An erased member cannot be changed.");
        }

        if (!errors.Any)
        {
            Apply(details, now);
            Version++;
        }

        return errors;
    }

    /// <summary>False when already suspended (nothing changes, nothing to announce).</summary>
    public bool Suspend(string reason, DateTimeOffset now)
    {
        if (Status != MemberStatus.Active)
        {
            return false;
        }

        Status = MemberStatus.Suspended;
        SuspensionReason = reason;
        UpdatedAt = now;
        Version++;
        return true;
    }

    /// <summary>Anonymises the member; false when already erased (erasure is idempotent).</summary>
    public bool Erase(DateTimeOffset now)
    {
        if (Status == MemberStatus.Erased)
        {
            return false;
        }

        FirstName = "Erased";
        LastName = "member";
        Email = NormalisedEmail = $"erased-{Id:N}@erased.invalid";
        Phone = null;
        OrganisationId = null;
        FunderProfile = null;
        SuspensionReason = null;
        Status = MemberStatus.Erased;
        UpdatedAt = now;
        Version++;
        return true;
    }

    public bool Reinstate(DateTimeOffset now)
    {
        if (Status != MemberStatus.Suspended)
        {
            return false;
        }

        Status = MemberStatus.Active;
        SuspensionReason = null;
        UpdatedAt = now;
        Version++;
        return true;
    }

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    private void Apply(MemberDetails details, DateTimeOffset now)
    {
        FirstName = details.FirstName.Trim();
        LastName = details.LastName.Trim();
        Email = details.Email.Trim();
        NormalisedEmail = NormaliseEmail(details.Email);
        Phone = string.IsNullOrWhiteSpace(details.Phone) ? null : details.Phone.Trim();
        OrganisationId = details.OrganisationId;
        FunderProfile = details.FunderProfile;
        _places.RemoveAll(place => !details.PlaceIds.Contains(place.PlaceId));
        foreach (var placeId in details.PlaceIds.Where(id => _places.All(place => place.PlaceId != id)))
        {
            _places.Add(new MemberPlace(Id, placeId));
        }

        UpdatedAt = now;
    }
}
