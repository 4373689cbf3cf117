namespace TiersLieux.Directory.Api.Domain;

public enum PlaceStatus
{
    Active,

    /// <summary>Closed for good: kept for the history of labels and indicators, hidden from public search.</summary>
    Closed,
}
