using System.Text.RegularExpressions;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Equipment.Api.Domain;

/// <summary>
/// A kind of qualification the network recognises ("laser-cutter"), and how it lapses: after N months, or after N
/// months without using a machine that requires it. Defined once for the whole network.
/// </summary>
public sealed partial class QualificationType
{
    private QualificationType()
    {
    }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public int? ValidityMonths { get; private set; }

    public int? InactivityMonths { get; private set; }

    public static bool IsCode(string code) => CodePattern().IsMatch(code);

    public static (QualificationType? Type, Errors Errors) Define(string? code, string? name, int? validityMonths, int? inactivityMonths)
    {
        var errors = new Errors().Require("code", code).Require("name", name);
        if (code is not null && !IsCode(code))
        {
            errors.Add("code", "A qualification code is lowercase letters, digits and dashes (40 at most).");
        }

        if (name is { Length: > 200 })
        {
            errors.Add("name", "The name has 200 characters at most.");
        }

        if (validityMonths is < 1 or > 240)
        {
            errors.Add("validityMonths", "A qualification lasts 1 to 240 months, or has no limit (null).");
        }

        if (inactivityMonths is < 1 or > 240)
        {
            errors.Add("inactivityMonths", "A qualification lapses after 1 to 240 months without use, or never (null).");
        }

        return errors.Any
            ? (null, errors)
            : (new QualificationType { Code = code!, Name = name!.Trim(), ValidityMonths = validityMonths, InactivityMonths = inactivityMonths }, errors);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex CodePattern();
}
