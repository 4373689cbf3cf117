using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Tests;

public sealed class CommunesTests
{
    private static readonly Communes Occitanie = Communes.Load();

    [Theory]
    [InlineData("Narbonne", "11262")]
    [InlineData("  narbonne ", "11262")]
    [InlineData("saint jean de vedas", "34270")]
    [InlineData("Saint-Jean-de-Védas", "34270")]
    [InlineData("L'Isle-Jourdain (32)", "32160")]
    [InlineData("Aigues-Vives (30)", "30004")]
    [InlineData("Le Vigan (46)", "46334")]
    [InlineData("ÉGAT", "66064")]
    public void A_commune_is_found_by_its_name_written_as_people_write_it(string asked, string code) =>
        Assert.Equal(code, Assert.Single(Occitanie.Find(asked)).Code);

    [Fact]
    public void Homonyms_are_all_found_and_a_departement_picks_one()
    {
        var all = Occitanie.Find("Aigues-Vives");
        Assert.Equal(["09", "11", "30", "34"], all.Select(c => c.Department));
        Assert.Equal("Aigues-Vives (34)", Assert.Single(Occitanie.Find("aigues vives (34)")).Label);
    }

    [Theory]
    [InlineData("Paris")]
    [InlineData("")]
    [InlineData(null)]
    public void A_place_outside_Occitanie_is_no_commune(string? asked) => Assert.Empty(Occitanie.Find(asked));

    [Fact]
    public void The_map_address_searches_around_the_commune_or_the_visitor()
    {
        var narbonne = MapAddress.Read(Occitanie, null, "fablab", "11", null, null, "Narbonne", "43.6,1.4", "10");
        Assert.Equal("Narbonne (11)", narbonne.Commune!.Label);
        Assert.Equal("page=1&pageSize=20&typology=fablab&department=11&near=43.1651,3.0203&radiusKm=10", narbonne.Search.Query(1, 20));
        Assert.Equal("typologie=fablab&departement=11&commune=Narbonne%20%2811%29&rayon=10", narbonne.Query());

        var here = MapAddress.Read(Occitanie, null, null, null, null, null, null, "43.611,3.877", "7");
        Assert.True(here.NearMe);
        Assert.Equal("pres=43.611%2C3.877&rayon=20", here.Query());

        var nowhere = MapAddress.Read(Occitanie, null, null, null, null, null, "Aigues-Vives", "north", null);
        Assert.Null(nowhere.Search.Near);
        Assert.Equal(4, nowhere.Homonyms.Count);
    }
}
