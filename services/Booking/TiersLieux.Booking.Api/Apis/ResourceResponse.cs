using TiersLieux.Booking.Api.Domain;

namespace TiersLieux.Booking.Api.Apis;

public sealed record ResourceResponse(Guid Id, Guid PlaceId, string Name, ResourceKind Kind, int Seats, Guid? MachineId, bool Available, int SlotMinutes,
    int MinMinutes, int MaxMinutes, int MaxDaysAhead, int MinNoticeMinutes, string? RequiredQualification)
{
    public static ResourceResponse From(Resource r) => new(r.Id, r.PlaceId, r.Name, r.Kind, r.Seats, r.MachineId, r.Available, r.SlotMinutes, r.MinMinutes,
        r.MaxMinutes, r.MaxDaysAhead, r.MinNoticeMinutes, r.RequiredQualification);
}
