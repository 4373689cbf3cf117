using TiersLieux.Contracts.Equipment;
using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Tests.Domain;

public sealed class RulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Here = Guid.CreateVersion7();
    private static readonly Guid There = Guid.CreateVersion7();

    [Theory]
    [InlineData(RecognitionMode.All, true, true, true)]
    [InlineData(RecognitionMode.None, true, false, false)]
    [InlineData(RecognitionMode.Listed, true, true, true)]
    public void A_place_accepts_its_own_qualifications_and_others_as_its_mode_says(RecognitionMode mode, bool own, bool listedPlace, bool networkTraining)
    {
        var place = new EquipmentPlace { Id = Here };
        Assert.False(place.SetRecognition(mode, mode == RecognitionMode.Listed ? [There] : []).Any);

        Assert.Equal(own, place.Accepts(Here));
        Assert.Equal(listedPlace, place.Accepts(There));
        Assert.Equal(networkTraining, place.Accepts(null));
        Assert.Equal(mode == RecognitionMode.All, place.Accepts(Guid.CreateVersion7()));
    }

    [Fact]
    public void A_qualification_lapses_by_age_by_disuse_or_by_revocation()
    {
        var type = QualificationType.Define("laser-cutter", "Découpe laser", validityMonths: 24, inactivityMonths: 6).Type!;
        var qualification = Qualification.Grant(Guid.NewGuid(), type, Here, QualificationSource.Operator, "op", Now);

        Assert.Null(qualification.Lapse(type, Now.AddMonths(6).AddDays(-1)));
        Assert.Contains("unused", qualification.Lapse(type, Now.AddMonths(6)), StringComparison.Ordinal);
        qualification.Used(Now.AddMonths(5));
        Assert.Null(qualification.Lapse(type, Now.AddMonths(10)));
        Assert.Contains("expired", qualification.Lapse(type, Now.AddMonths(24)), StringComparison.Ordinal);
        Assert.True(qualification.Revoke("misuse", Now.AddMonths(1)));
        Assert.False(qualification.Revoke("again", Now.AddMonths(1)));
        Assert.StartsWith("revoked", qualification.Lapse(type, Now.AddMonths(2)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_is_due_by_hours_or_days_and_announced_once_until_done()
    {
        var machine = Machine.Register(Here, new MachineDetails("Laser", MachineCategory.LaserCutter, null, null, null, null, null, 1000), Now).Machine!;
        var plan = MaintenancePlan.Create(machine, "Optique", everyHours: 10, everyDays: 90, Now).Plan!;

        Assert.False(plan.IsDue(9.9m, Now.AddDays(89)));
        Assert.True(plan.IsDue(10m, Now));
        Assert.True(plan.IsDue(0m, Now.AddDays(90)));
        Assert.True(plan.AnnounceIfDue(12m, Now));
        Assert.False(plan.AnnounceIfDue(20m, Now));
        plan.Done(20m, Now.AddDays(1));
        Assert.False(plan.IsDue(29m, Now.AddDays(2)));
        Assert.True(plan.AnnounceIfDue(30m, Now.AddDays(2)));
    }

    [Fact]
    public void A_retired_machine_stays_retired_and_is_not_used()
    {
        var machine = Machine.Register(Here, new MachineDetails("Laser", MachineCategory.LaserCutter, null, null, null, null, null, 1000), Now).Machine!;

        Assert.Equal("", machine.ChangeStatus(MachineStatus.Retired, Now));
        Assert.Null(machine.ChangeStatus(MachineStatus.Retired, Now));
        Assert.NotEmpty(machine.ChangeStatus(MachineStatus.Available, Now)!);
        Assert.True(machine.RecordUsage(1, Now).Any);
    }
}
