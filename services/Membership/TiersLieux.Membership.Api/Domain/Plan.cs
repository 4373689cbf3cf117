using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Membership.Api.Domain;

/// <summary>What a member can buy: defined by a place, or by the network for a network pass.</summary>
public sealed class Plan
{
    /// <summary>Resource kinds a plan can include hours of (booking's kinds of bookable resource).</summary>
    public static readonly IReadOnlySet<string> ResourceKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "desk", "open-space", "meeting-room", "event-space", "machine",
    };

    private Plan()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The place that sells it; null for a network plan.</summary>
    public Guid? PlaceId { get; private set; }

    public string Name { get; private set; } = "";

    public PlanKind Kind { get; private set; }

    public int PriceCents { get; private set; }

    public int ValidityDays { get; private set; }

    public Dictionary<string, int> IncludedHours { get; private set; } = [];

    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static (Plan? Plan, Errors Errors) Create(Guid? placeId, string? name, PlanKind? kind, int? priceCents, int? validityDays,
        IReadOnlyDictionary<string, int>? includedHours, DateTimeOffset now)
    {
        var errors = new Errors().Require("name", name).Require("kind", kind).Require("priceCents", priceCents).Require("validityDays", validityDays);
        if (name is { Length: > 200 })
        {
            errors.Add("name", "The name has 200 characters at most.");
        }

        if (priceCents < 0)
        {
            errors.Add("priceCents", "The price cannot be negative.");
        }

        if (validityDays is < 1 or > 366)
        {
            errors.Add("validityDays", "A plan is valid for 1 to 366 days.");
        }

        if (kind == PlanKind.NetworkPass && placeId is not null)
        {
            errors.Add("placeId", "A network pass is defined by the network, not by a place.");
        }

        if (kind is not null and not PlanKind.NetworkPass && placeId is null)
        {
            errors.Add("placeId", "A place's plan names its place.");
        }

        foreach (var (resourceKind, hours) in includedHours ?? new Dictionary<string, int>())
        {
            if (!ResourceKinds.Contains(resourceKind))
            {
                errors.Add("includedHours", $"Unknown resource kind '{resourceKind}': {string.Join(", ", ResourceKinds.Order(StringComparer.Ordinal))}.");
            }
            else if (hours < 0)
            {
                errors.Add("includedHours", $"Included hours of {resourceKind} cannot be negative.");
            }
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        return (new Plan
        {
            Id = Guid.CreateVersion7(now),
            PlaceId = placeId,
            Name = name!.Trim(),
            Kind = kind!.Value,
            PriceCents = priceCents!.Value,
            ValidityDays = validityDays!.Value,
            IncludedHours = new Dictionary<string, int>(includedHours ?? new Dictionary<string, int>()),
            IsActive = true,
            CreatedAt = now,
        }, errors);
    }
}
