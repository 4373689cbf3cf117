using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TiersLieux.ServiceDefaults.Http;

/// <summary>
/// Enum values in query strings as the JSON bodies spell them (kebab-case: "open-space", "in-maintenance", or a
/// JsonStringEnumMemberName like "3d-printer"), so filters and bodies speak one language.
/// </summary>
public static class KebabEnum
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var member = typeof(TEnum).GetField(value.ToString());
        return member?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
    }

    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The member a stored name stands for; a name outside the set is a fault, not input.</summary>
    public static TEnum Parse<TEnum>(string text) where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value) ? value : throw new FormatException($"'{text}' is not a {typeof(TEnum).Name}.");

    /// <summary>A filter's value: null when absent; a 422 message when it is not one of the names.</summary>
    public static (TEnum? Value, string? Error) Filter<TEnum>(string? text, string parameter) where TEnum : struct, Enum =>
        text is null ? (null, null)
        : TryParse<TEnum>(text, out var value) ? (value, null)
        : (null, $"{parameter} is one of {string.Join(", ", Enum.GetValues<TEnum>().Select(Name))}.");
}
