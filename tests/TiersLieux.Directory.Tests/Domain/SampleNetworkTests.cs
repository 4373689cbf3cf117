using TiersLieux.Directory.Api.Demo;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Tests.Domain;

public sealed class SampleNetworkTests
{
    [Fact]
    public void The_demo_network_has_the_labelled_counts_over_all_thirteen_departements_and_says_it_is_sample_data()
    {
        var network = SampleNetwork.Network();

        // With IN'ESS (a coworking space), the 111 labelled places: 60 coworking, 39 fablabs, 12 digital mediation.
        Assert.Equal(110, network.Count);
        Assert.Equal(59, network.Count(p => p.Typology == PlaceTypology.Coworking));
        Assert.Equal(39, network.Count(p => p.Typology == PlaceTypology.Fablab));
        Assert.Equal(12, network.Count(p => p.Typology == PlaceTypology.DigitalMediation));
        Assert.Equal(Occitanie.Departments.Order(), network.Select(p => p.Department).Distinct().Order());
        Assert.All(network, place => Assert.StartsWith(SampleNetwork.Marker, place.Description, StringComparison.Ordinal));
        Assert.Equal(network.Count, network.Select(p => p.Name).Distinct().Count());
    }

    [Fact]
    public void Every_generated_place_passes_the_directory_rules_and_the_same_seed_gives_the_same_places()
    {
        var generated = SampleNetwork.Generate(500, seed: 7);

        Assert.All(generated, place => Assert.False(place.Validate().Any, string.Join(" ", place.Validate().ToDictionary().SelectMany(e => e.Value))));
        Assert.Equal(generated.Select(p => (p.Name, p.Latitude)), SampleNetwork.Generate(500, seed: 7).Select(p => (p.Name, p.Latitude)));
    }
}
