using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Tests.Domain;

public sealed class SiretTests
{
    [Theory]
    [InlineData("48202213900018")]
    [InlineData("80245012000018")]
    [InlineData("35600000049990")] // La Poste: digit sum a multiple of 5, not a Luhn key.
    public void A_siret_with_a_valid_key_is_accepted(string siret) => Assert.True(Siret.IsValid(siret));

    [Theory]
    [InlineData("48202213900019")] // last digit off by one
    [InlineData("4820221390001")] // 13 digits
    [InlineData("482022139000188")] // 15 digits
    [InlineData("4820221390001A")]
    [InlineData("35600000049999")] // La Poste, digit sum not a multiple of 5
    [InlineData("")]
    public void A_siret_with_a_wrong_key_or_shape_is_refused(string siret) => Assert.False(Siret.IsValid(siret));

    [Fact]
    public void Spaces_people_type_are_ignored() => Assert.Equal("48202213900018", Siret.Normalise("482 022 139 00018"));

    [Fact]
    public void An_organisation_with_a_bad_siret_is_refused_naming_the_field()
    {
        var (organisation, errors) = Organisation.Create("Coopérative", OrganisationKind.Association, "48202213900019", DateTimeOffset.UtcNow);

        Assert.Null(organisation);
        Assert.Equal(["siret"], errors.ToDictionary().Keys);
    }
}
