namespace TiersLieux.Directory.Api.OpenData;

/// <summary>RFC 7946 §3.1.2: a position is longitude first.</summary>
public sealed record Point(double[] Coordinates)
{
    public string Type => "Point";
}
