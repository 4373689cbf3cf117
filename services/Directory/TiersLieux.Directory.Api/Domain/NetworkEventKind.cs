namespace TiersLieux.Directory.Api.Domain;

public enum NetworkEventKind
{
    Meeting,
    Training,
    OpenDay,
    Other,
}
