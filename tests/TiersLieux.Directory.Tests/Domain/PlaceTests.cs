using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Tests.Domain;

public sealed class PlaceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    internal static PlaceDetails Narbonne() => new(
        "IN'ESS", PlaceTypology.Hybrid, "1 rue de l'Hôtel de Ville", "Narbonne", "11100", "11", 43.184, 3.004,
        new Uri("https://iness.example"), "contact@iness.example");

    [Fact]
    public void Registering_valid_details_gives_a_place_at_version_1()
    {
        var (place, errors) = Place.Register(Narbonne(), Now);

        Assert.False(errors.Any);
        Assert.NotNull(place);
        Assert.Equal(1, place.Version);
        Assert.Equal("Narbonne", place.Commune);
        Assert.Equal(Now, place.CreatedAt);
        Assert.NotEqual(Guid.Empty, place.Id);
    }

    [Theory]
    [InlineData(95.0, 3.0, "latitude")]
    [InlineData(43.0, 200.0, "longitude")]
    [InlineData(48.85, 2.35, "latitude")] // Paris: valid coordinates, but not in Occitanie.
    [InlineData(3.0, 43.18, "latitude")] // Swapped.
    public void Coordinates_outside_the_region_or_the_globe_are_refused(double latitude, double longitude, string field)
    {
        var (place, errors) = Place.Register(Narbonne() with { Latitude = latitude, Longitude = longitude }, Now);

        Assert.Null(place);
        Assert.Contains(field, errors.Fields);
    }

    [Fact]
    public void A_department_outside_Occitanie_is_refused()
    {
        var errors = (Narbonne() with { Department = "75", Postcode = "75001" }).Validate();

        Assert.Contains("department", errors.Fields);
    }

    [Fact]
    public void A_postcode_must_belong_to_its_department()
    {
        var errors = (Narbonne() with { Postcode = "34000" }).Validate();

        Assert.Equal(["postcode"], errors.Fields);
    }

    [Theory]
    [InlineData("ftp://iness.example")]
    [InlineData("mailto:contact@iness.example")]
    public void A_website_must_be_http_or_https(string website)
    {
        var errors = (Narbonne() with { Website = new Uri(website) }).Validate();

        Assert.Equal(["website"], errors.Fields);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("someone@localhost")]
    [InlineData("Name <someone@example.org>")]
    public void A_contact_email_must_be_a_plain_address(string email)
    {
        var errors = (Narbonne() with { ContactEmail = email }).Validate();

        Assert.Equal(["contactEmail"], errors.Fields);
    }

    [Fact]
    public void Updating_bumps_the_version_and_keeps_the_creation_date()
    {
        var (place, _) = Place.Register(Narbonne(), Now);

        var errors = place!.Update(Narbonne() with { Name = "IN'ESS Grand Narbonne" }, Now.AddDays(1));

        Assert.False(errors.Any);
        Assert.Equal(2, place.Version);
        Assert.Equal("IN'ESS Grand Narbonne", place.Name);
        Assert.Equal(Now, place.CreatedAt);
        Assert.Equal(Now.AddDays(1), place.UpdatedAt);
    }

    [Fact]
    public void An_invalid_update_changes_nothing()
    {
        var (place, _) = Place.Register(Narbonne(), Now);

        var errors = place!.Update(Narbonne() with { Name = "" }, Now.AddDays(1));

        Assert.Contains("name", errors.Fields);
        Assert.Equal(1, place.Version);
        Assert.Equal("IN'ESS", place.Name);
    }
}
