using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.Testing;
using TiersLieux.Web.Components.Console;
using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Tests;

/// <summary>The consoles' rules that need no platform: who runs what, where the place selector leads, refusals in words.</summary>
public sealed class ConsoleTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private static readonly Guid Iness = Guid.NewGuid();
    private static readonly Guid Elsewhere = Guid.NewGuid();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/reseau/indicateurs")]
    [InlineData("/console/reseau/indicateurs.csv?du=2026-01-01&au=2026-12-31")]
    [InlineData("/console/reseau/formations.csv?du=2026-01-01&au=2026-12-31")]
    [InlineData("/console/reseau/import")]
    public async Task The_consoles_send_a_visitor_to_the_sign_in_page(string path)
    {
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var response = await browser.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/connexion?retour=%2Fconsole", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_runs_their_places_and_the_network_team_every_place()
    {
        var operatorOfIness = new ConsoleAccount(Guid.NewGuid(), ["member", "place-operator"], [Iness]);
        var networkTeam = new ConsoleAccount(Guid.NewGuid(), ["member", "network-admin"], []);
        var member = new ConsoleAccount(Guid.NewGuid(), ["member"], []);

        Assert.True(operatorOfIness.Runs(Iness));
        Assert.False(operatorOfIness.Runs(Elsewhere));
        Assert.False(operatorOfIness.IsNetworkTeam);
        Assert.True(networkTeam.Runs(Elsewhere));
        Assert.False(member.Runs(Iness));
        Assert.False(member.IsOperator || member.IsNetworkTeam);
    }

    /// <summary>The directory's reasons for refusing a row of an import (as OpenDataApi and MediationNumeriqueRow write them), in French.</summary>
    [Theory]
    [InlineData("Missing nom, latitude.", "Colonnes vides : nom, latitude.")]
    [InlineData("latitude and longitude are decimal degrees with a point ('43,7', '3.3').", "latitude et longitude s'écrivent en degrés décimaux avec un point ('43,7', '3.3').")]
    [InlineData("code_postal 33000 is not in Occitanie.", "Le code_postal 33000 n'est pas en Occitanie.")]
    [InlineData("site_web 'www' is not an address.", "Le site_web 'www' n'est pas une adresse web complète (https://…).")]
    [InlineData("id a-1 appears earlier in the file.", "L'id a-1 figure déjà plus haut dans le fichier : seule sa première ligne compte.")]
    [InlineData("The header lacks the national schema's columns id, nom.", "Il manque à la première ligne des colonnes du schéma national : id, nom.")]
    [InlineData("Line 12: the CSV cannot be read (BadData).", "Ligne 12 : le CSV est illisible (guillemet non fermé, colonnes en trop ?).")]
    [InlineData("nom: The name has 2 to 200 characters.", "nom: The name has 2 to 200 characters.")]
    public void An_import_s_refused_rows_are_told_in_French_with_the_schema_s_column_names(string reason, string told) =>
        Assert.Equal(told, ConsoleWords.ImportReason(reason));

    [Theory]
    [InlineData("/machines", "/machines")]
    [InlineData("/formations", "/formations")]
    [InlineData("//evil.example", "/membres")]
    [InlineData("/../../espace", "/membres")]
    [InlineData(null, "/membres")]
    public void The_place_selector_opens_a_section_of_the_console_only(string? section, string opened)
    {
        var result = Assert.IsType<RedirectHttpResult>(ConsoleEndpoints.OpenPlace(Iness, section));

        Assert.Equal($"/console/lieux/{Iness}{opened}", result.Url);
        Assert.True(result.AcceptLocalUrlOnly);
    }

    [Fact]
    public void Without_a_place_the_selector_goes_back_to_the_console() =>
        Assert.Equal("/console", Assert.IsType<RedirectHttpResult>(ConsoleEndpoints.OpenPlace(null, "/membres")).Url);

    [Theory]
    [InlineData("email", "The email is required.", "Ce champ est obligatoire.")]
    [InlineData("email", "The email is not a valid address.", "Cette adresse e-mail n'est pas valide.")]
    [InlineData("lastName", "The last name is required (100 characters at most).", "Ce champ est obligatoire (100 caractères au plus).")]
    [InlineData("phone", "The phone number has 30 characters at most.", "Le numéro de téléphone compte 30 caractères au plus.")]
    [InlineData("organisationId", "Unknown organisation.", "Unknown organisation.")]
    public void The_API_s_field_errors_are_said_in_French_or_shown_as_they_came(string field, string message, string shown) =>
        Assert.Equal(shown, ConsoleWords.FieldMessage(field, message));

    [Fact]
    public void Refusals_are_said_in_words_and_another_place_s_object_as_not_found()
    {
        Assert.Contains("déjà celle d'un membre du réseau", ConsoleWords.Refusal(new PlatformProblem(409, "The email is already a member's.", null, null, null)), StringComparison.Ordinal);
        Assert.Contains("n'a pas encore commencé", ConsoleWords.Refusal(new PlatformProblem(409, "The booking has not started.", "Booking x starts at y; a no-show is marked once it has.", null, null)), StringComparison.Ordinal);
        Assert.Equal(ConsoleWords.Refusal(new PlatformProblem(404, null, null, null, null)), ConsoleWords.Refusal(new PlatformProblem(403, "Forbidden", "You do not act for place x.", null, null)));
    }

    [Theory]
    [InlineData(null, null, "2026-01-01", "2026-12-03", true)]
    [InlineData("2026-03-01", "2026-03-31", "2026-03-01", "2026-03-31", true)]
    [InlineData("2026-03-31", "2026-03-01", "2026-03-31", "2026-03-01", false)]
    [InlineData("2019-01-01", "2026-03-01", "2019-01-01", "2026-03-01", false)]
    [InlineData("pas une date", "2026-02-30", "2026-01-01", "2026-12-03", true)]
    public void An_indicators_period_is_this_year_by_default_and_five_years_at_most(string? du, string? au, string from, string to, bool valid)
    {
        var period = ReportPeriod.Parse(du, au, new DateOnly(2026, 12, 3));

        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), (period.From, period.To));
        Assert.Equal(valid, period.Valid);
        Assert.Equal(period.To.AddDays(1), period.EndExclusive);
    }
}
