namespace TiersLieux.Web.Platform;

/// <summary>A commune of Occitanie and its centre.</summary>
public sealed record Commune(string Code, string Name, double Latitude, double Longitude)
{
    /// <summary>The département's code (the INSEE code's first two characters).</summary>
    public string Department => Code[..2];

    /// <summary>"Aigues-Vives (30)": how a page names it, and how an address names one among homonyms.</summary>
    public string Label => $"{Name} ({Department})";
}
