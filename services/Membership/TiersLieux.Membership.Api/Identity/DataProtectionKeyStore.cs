using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Membership.Api.Infrastructure;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// Keeps the data-protection key ring (which protects the sign-in cookie and the antiforgery token) in the database,
/// so every replica reads the others' cookies and a restart does not sign everybody out.
/// </summary>
internal sealed class DataProtectionKeyStore(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        return [.. db.DataProtectionKeys.AsNoTracking().OrderBy(key => key.Id).AsEnumerable().Select(key => XElement.Parse(key.Xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
