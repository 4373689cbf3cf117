namespace TiersLieux.Training.Api.Apis;

public sealed record CertificateResponse(string Code, string Learner, string Course, string Place, decimal HoursAttended, decimal SessionHours,
    DateOnly CompletedOn, bool Valid);
