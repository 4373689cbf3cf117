using System.Text.Json.Serialization;

namespace TiersLieux.Equipment.Api.Domain;

public enum MachineCategory
{
    LaserCutter,

    [JsonStringEnumMemberName("3d-printer")]
    ThreeDPrinter,
    CncRouter,
    VinylCutter,
    EmbroideryMachine,
    ElectronicsBench,
    Other,
}
