using TiersLieux.Membership.Api.Domain;
using TiersLieux.Messaging;

namespace TiersLieux.Membership.Tests.Domain;

public sealed class KnownPlaceTests
{
    [Fact]
    public void Only_a_newer_version_changes_the_copy_whatever_order_events_arrive_in()
    {
        var place = new KnownPlace { Id = Guid.NewGuid() };

        Assert.True(PlaceCopies.TryApply(place, "Fablab v2", 2));
        Assert.False(PlaceCopies.TryApply(place, "Fablab v1", 1));
        Assert.False(PlaceCopies.TryApply(place, "Fablab v2 again", 2));

        Assert.Equal("Fablab v2", place.Name);
        Assert.Equal(2, place.Version);
    }
}
