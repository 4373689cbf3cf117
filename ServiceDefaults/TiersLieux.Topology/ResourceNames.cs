namespace TiersLieux.Topology;

/// <summary>
/// The names of the platform's resources, written once. The AppHost names its resources with them and the
/// services read their connection strings (<c>ConnectionStrings:&lt;name&gt;</c>) and peers
/// (<c>services:&lt;resource&gt;:http:&lt;i&gt;</c>) by them, so a rename cannot break the contract on one side only.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Messaging = "messaging";
    public const string Gateway = "gateway";
    public const string Smtp = "smtp";
    public const string Web = "web";

    public const string DirectoryApi = "directory-api";
    public const string MembershipApi = "membership-api";
    public const string BookingApi = "booking-api";
    public const string EquipmentApi = "equipment-api";
    public const string TrainingApi = "training-api";
    public const string NotificationsApi = "notifications-api";

    public const string DirectoryDb = "directorydb";
    public const string MembershipDb = "membershipdb";
    public const string BookingDb = "bookingdb";
    public const string EquipmentDb = "equipmentdb";
    public const string TrainingDb = "trainingdb";
    public const string NotificationsDb = "notificationsdb";

    /// <summary>Each service's short name (the second segment of its public routes) and its resource name.</summary>
    public static IReadOnlyList<(string Service, string Resource)> Services { get; } =
    [
        ("directory", DirectoryApi),
        ("membership", MembershipApi),
        ("booking", BookingApi),
        ("equipment", EquipmentApi),
        ("training", TrainingApi),
        ("notifications", NotificationsApi),
    ];
}
