using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Tests.Domain;

public sealed class KnownPlaceTests
{
    [Fact]
    public void Only_a_newer_version_changes_the_copy_whatever_order_events_arrive_in()
    {
        var place = new KnownPlace { Id = Guid.NewGuid() };

        Assert.True(place.Apply("Fablab v2", "fablab", 2));
        Assert.False(place.Apply("Fablab v1", "coworking", 1));
        Assert.False(place.Apply("Fablab v2 again", "fablab", 2));

        Assert.Equal("Fablab v2", place.Name);
        Assert.Equal(2, place.Version);
    }
}
