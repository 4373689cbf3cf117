using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using TiersLieux.Contracts.Equipment;
using TiersLieux.Equipment.Api.Domain;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Messaging.Jobs;

namespace TiersLieux.Equipment.Api.Jobs;

/// <summary>
/// Announces preventive maintenance as it falls due, without anyone asking: by days on the <see cref="TimeProvider"/>
/// clock (checked every 15 minutes), by hours as soon as usage is recorded. MaintenanceDue goes out once per cycle,
/// through the outbox in the same transaction. Plans are claimed with SKIP LOCKED, so replicas share the work.
/// </summary>
public sealed class MaintenanceWatch(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MaintenanceWatch> logger) : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(15);

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var announced = await AnnounceDueAsync(scope.ServiceProvider.GetRequiredService<EquipmentDbContext>(), machineId: null, Clock, cancellationToken);
        if (announced > 0)
        {
            Logger.LogInformation("Announced {Count} due maintenance task(s)", announced);
        }

        return false;
    }

    /// <summary>Announces the plans that fell due (of one machine, or all); how many. Commits its own transaction.</summary>
    public static async Task<int> AnnounceDueAsync(EquipmentDbContext db, Guid? machineId, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var claimUnannounced = $"SELECT * FROM {db.TableName<MaintenancePlan>()} WHERE \"DueAnnouncedAt\" IS NULL AND ({{0}}::uuid IS NULL OR \"MachineId\" = {{0}}) FOR UPDATE SKIP LOCKED";
        return await db.InTransactionAsync(async ct =>
        {
            var plans = await db.MaintenancePlans.FromSqlRaw(claimUnannounced, new NpgsqlParameter("machine", NpgsqlDbType.Uuid) { Value = (object?)machineId ?? DBNull.Value }).ToListAsync(ct);
            return await AnnounceAsync(db, plans, clock, ct);
        }, cancellationToken);
    }

    /// <summary>
    /// In the caller's transaction (a consumer's): announces the due plans of a machine whose hours just grew. The
    /// plans are locked (waiting for the watch if it holds them), so a plan is never announced twice.
    /// </summary>
    public static async Task<int> AnnounceDueInTransactionAsync(EquipmentDbContext db, Guid machineId, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lockUnannounced = $"SELECT * FROM {db.TableName<MaintenancePlan>()} WHERE \"DueAnnouncedAt\" IS NULL AND \"MachineId\" = {{0}} FOR UPDATE";
        var plans = await db.MaintenancePlans.FromSqlRaw(lockUnannounced, machineId).ToListAsync(cancellationToken);
        return await AnnounceAsync(db, plans, clock, cancellationToken);
    }

    private static async Task<int> AnnounceAsync(EquipmentDbContext db, List<MaintenancePlan> plans, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var machineIds = plans.Select(plan => plan.MachineId).Distinct().ToList();
        var machines = await db.Machines.Where(m => machineIds.Contains(m.Id) && m.Status != MachineStatus.Retired).ToDictionaryAsync(m => m.Id, cancellationToken);
        var announced = 0;
        foreach (var plan in plans.Where(plan => machines.ContainsKey(plan.MachineId)))
        {
            var machine = machines[plan.MachineId];
            if (plan.AnnounceIfDue(machine.UsageHours, now))
            {
                db.AddIntegrationEvent(new MaintenanceDue(machine.Id, machine.PlaceId, plan.Id, plan.Task, machine.UsageHours, now), clock);
                announced++;
            }
        }

        return announced;
    }
}
