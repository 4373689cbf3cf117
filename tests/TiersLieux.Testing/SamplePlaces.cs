using System.Text.Json.Nodes;

namespace TiersLieux.Testing;

/// <summary>Valid request bodies for <c>POST /api/directory/places</c>, for tests that need a place and change one field.</summary>
public static class SamplePlaces
{
    /// <summary>A place in Narbonne (Aude), every field filled in; a fresh object each call.</summary>
    public static JsonObject Narbonne(string name = "IN'ESS", string typology = "hybrid") => new()
    {
        ["name"] = name,
        ["typology"] = typology,
        ["address"] = "1 rue de l'Hôtel de Ville",
        ["commune"] = "Narbonne",
        ["postcode"] = "11100",
        ["department"] = "11",
        ["latitude"] = 43.184,
        ["longitude"] = 3.004,
        ["website"] = "https://iness.example",
        ["contactEmail"] = "contact@iness.example",
    };
}
