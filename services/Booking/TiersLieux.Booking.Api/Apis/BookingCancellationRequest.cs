namespace TiersLieux.Booking.Api.Apis;

/// <param name="Note">The place's words to the member, told with the cancellation (an operator's; a member's own cancellation takes none).</param>
// Its only field is optional: an unknown one is a mistaken client, refused rather than read as "no note".
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record BookingCancellationRequest(string? Note);
