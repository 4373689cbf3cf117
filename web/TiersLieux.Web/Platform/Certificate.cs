namespace TiersLieux.Web.Platform;

/// <summary>A training certificate as anyone may verify it by its code.</summary>
public sealed record Certificate(string Code, string Learner, string Course, string Place, decimal HoursAttended, decimal SessionHours, DateOnly CompletedOn, bool Valid);
