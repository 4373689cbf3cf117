namespace TiersLieux.Booking.Api.Apis;

public sealed record CalendarLink(string Url);
