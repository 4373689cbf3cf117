using TiersLieux.Booking.Api.Domain;

namespace TiersLieux.Booking.Api.Apis;

public sealed record ResourceAvailability(Guid ResourceId, string Name, ResourceKind Kind, IReadOnlyList<FreePeriod> Free);
