using Microsoft.EntityFrameworkCore;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure;

namespace TiersLieux.Directory.Api.IntegrationEvents;

internal static class Usage
{
    /// <summary>Adds the tally unless its source was counted already (the same booking or enrolment announced twice).</summary>
    public static async Task AddAsync(DirectoryDbContext db, UsageTally tally, CancellationToken cancellationToken)
    {
        if (!await db.UsageTallies.AnyAsync(u => u.SourceId == tally.SourceId, cancellationToken))
        {
            db.UsageTallies.Add(tally);
        }
    }
}
