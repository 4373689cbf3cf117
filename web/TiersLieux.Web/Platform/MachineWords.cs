namespace TiersLieux.Web.Platform;

/// <summary>Equipment's machine codes in a visitor's words.</summary>
public static class MachineWords
{
    public static string Category(string code) => code switch
    {
        "laser-cutter" => "Découpeuse laser",
        "3d-printer" => "Imprimante 3D",
        "cnc-router" => "Fraiseuse numérique",
        "vinyl-cutter" => "Plotter de découpe",
        "embroidery-machine" => "Brodeuse numérique",
        "electronics-bench" => "Poste d'électronique",
        _ => "Machine",
    };

    public static string Status(string code) => code switch
    {
        "available" => "disponible",
        "in-maintenance" => "en maintenance",
        "out-of-service" => "hors service",
        _ => code,
    };
}
