using TiersLieux.Equipment.Api.Domain;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Equipment.Api.Apis;

/// <summary>Every member nullable, so a missing field is named in a 422, not a 400.</summary>
public sealed record MachineRequest(Guid? PlaceId, string? Name, MachineCategory? Category, string? Make, string? Model, string? Description,
    string? RequiredQualification, string? SafetyNotes, int? HourlyCostCents)
{
    public (MachineDetails? Details, Errors Errors) ToDetails()
    {
        var errors = new Errors().Require("name", Name).Require("category", Category).Require("hourlyCostCents", HourlyCostCents);
        if (errors.Any)
        {
            return (null, errors);
        }

        var details = new MachineDetails(Name!, Category!.Value, Make, Model, Description, RequiredQualification, SafetyNotes, HourlyCostCents!.Value);
        return (details, details.Validate());
    }
}
