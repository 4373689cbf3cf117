namespace TiersLieux.Directory.Api.Domain;

/// <summary>
/// A member as the network's indicators count them: where they are attached and when they joined or left. No name,
/// no contact: the directory keeps only what aggregate figures for funders need.
/// </summary>
public sealed class MemberTally
{
    public Guid MemberId { get; set; }

    public List<Guid> PlaceIds { get; set; } = [];

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>When the member exercised their right to erasure; they count until then.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>The highest member version applied (events may arrive out of order).</summary>
    public int Version { get; set; }
}
