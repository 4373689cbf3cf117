using TiersLieux.Booking.Api.Domain;

namespace TiersLieux.Booking.Api.Apis;

public sealed record ResourceRequest(Guid? PlaceId, string? Name, ResourceKind? Kind, int? Seats, int? SlotMinutes, int? MinMinutes, int? MaxMinutes,
    int? MaxDaysAhead, int? MinNoticeMinutes);
