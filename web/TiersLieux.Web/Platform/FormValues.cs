namespace TiersLieux.Web.Platform;

/// <summary>What a form's field means to the platform's API.</summary>
public static class FormValues
{
    /// <summary>An empty field is a missing one (named in the API's 422), not an empty value; a filled one is trimmed.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
