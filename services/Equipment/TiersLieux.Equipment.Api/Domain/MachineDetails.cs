using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Equipment.Api.Domain;

public sealed record MachineDetails(string Name, MachineCategory Category, string? Make, string? Model, string? Description,
    string? RequiredQualification, string? SafetyNotes, int HourlyCostCents)
{
    public Errors Validate()
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
        {
            errors.Add("name", "The name is required (200 characters at most).");
        }

        if (!Enum.IsDefined(Category))
        {
            errors.Add("category", "Unknown category.");
        }

        if (Make is { Length: > 100 } || Model is { Length: > 100 })
        {
            errors.Add("model", "Make and model have 100 characters at most.");
        }

        if (Description is { Length: > 4000 } || SafetyNotes is { Length: > 4000 })
        {
            errors.Add("description", "Description and safety notes have 4,000 characters at most.");
        }

        if (RequiredQualification is not null && !QualificationType.IsCode(RequiredQualification.Trim()))
        {
            errors.Add("requiredQualification", "A qualification code is lowercase letters, digits and dashes.");
        }

        if (HourlyCostCents is < 0 or > 100_000)
        {
            errors.Add("hourlyCostCents", "The hourly cost is 0 to 1,000 euros, in cents.");
        }

        return errors;
    }
}
