namespace TiersLieux.Membership.Api.Domain;

public enum Gender
{
    Woman,
    Man,
    Other,
}
