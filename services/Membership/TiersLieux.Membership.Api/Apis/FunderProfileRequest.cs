using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Apis;

public sealed record FunderProfileRequest(
    bool? Consent,
    Gender? Gender,
    int? BirthYear,
    string? Postcode,
    bool? PriorityNeighbourhoodResident,
    EmploymentStatus? EmploymentStatus,
    bool? DisabilityRecognised);
