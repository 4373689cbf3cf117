using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Tests;

public sealed class PlaceSearchTests
{
    [Fact]
    public void The_map_s_filters_become_the_directory_s_search_query_escaped()
    {
        var search = new PlaceSearch("café & co", "fablab", "11", "fablab-machines", OpenNow: true);

        Assert.Equal("page=2&pageSize=100&q=caf%C3%A9%20%26%20co&typology=fablab&department=11&services=fablab-machines&openNow=true", search.Query(2, 100));
        Assert.False(search.IsEmpty);
        Assert.True(new PlaceSearch().IsEmpty);
    }

    [Fact]
    public void The_markers_take_the_same_filters_without_a_page()
    {
        var search = new PlaceSearch(Typology: "coworking", Near: (43.18412, 3.00391), RadiusKm: 10);

        Assert.Equal("typology=coworking&near=43.18412,3.00391&radiusKm=10", search.Filters());
        Assert.Equal("page=1&pageSize=50&typology=coworking&near=43.18412,3.00391&radiusKm=10", search.Query(1, 50));
        Assert.Equal("", new PlaceSearch().Filters());
        Assert.Equal("page=1&pageSize=20", new PlaceSearch().Query(1, 20));
    }

    [Fact]
    public void Only_the_directory_s_own_codes_are_filters()
    {
        Assert.True(Vocabulary.IsTypology("digital-mediation"));
        Assert.False(Vocabulary.IsTypology("<script>"));
        Assert.True(Vocabulary.IsDepartment("66"));
        Assert.False(Vocabulary.IsDepartment("75"));
        Assert.Equal("Pyrénées-Orientales (66)", Vocabulary.Department("66"));
        Assert.Equal("Machines de fabrication numérique", Vocabulary.Service("fablab-machines"));
    }
}
