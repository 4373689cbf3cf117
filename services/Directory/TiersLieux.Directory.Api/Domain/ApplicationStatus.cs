namespace TiersLieux.Directory.Api.Domain;

public enum ApplicationStatus
{
    Submitted,
    Labelled,
    Renewed,
    Rejected,
}
