namespace TiersLieux.Membership.Api.Domain;

/// <summary>
/// A French establishment number (SIRET): 14 digits whose Luhn key is valid. La Poste's establishments are the
/// one exception to the key (SIREN 356000000): their digit sum is a multiple of 5 instead.
/// </summary>
public static class Siret
{
    private const string LaPosteSiren = "356000000";

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 14 || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (value.StartsWith(LaPosteSiren, StringComparison.Ordinal) && value != "35600000000048")
        {
            return value.Sum(c => c - '0') % 5 == 0;
        }

        var sum = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var digit = value[value.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    /// <summary>Spaces and dots people type ("123 456 789 00012") removed.</summary>
    public static string Normalise(string value) => new(value.Where(char.IsAsciiDigit).ToArray());
}
