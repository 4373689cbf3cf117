namespace TiersLieux.Training.Api.Apis;

public sealed record EnrolRequest(Guid? MemberId);
