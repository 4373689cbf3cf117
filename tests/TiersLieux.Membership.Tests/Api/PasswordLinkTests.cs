using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Contracts.Membership;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;

namespace TiersLieux.Membership.Tests.Api;

/// <summary>
/// "Forgot password" and the invitation of a member registered by an operator, as a browser goes through them: the
/// page, the event that carries the link (notifications emails it), the link used once.
/// </summary>
public sealed class PasswordLinkTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string OldPassword = "the password of before";
    private static readonly Uri ForgotPage = new("/account/forgot-password", UriKind.Relative);
    private static readonly Uri LoginPage = new("/account/login", UriKind.Relative);
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);
    private MembershipService _service = null!;
    private EventCollector<PasswordResetRequested> _resets = null!;
    private EventCollector<AccountInvitationIssued> _invitations = null!;
    private Guid _place;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _resets = await EventCollector<PasswordResetRequested>.StartAsync(infrastructure.MessagingConnectionString);
        _invitations = await EventCollector<AccountInvitationIssued>.StartAsync(infrastructure.MessagingConnectionString);
        _service = await MembershipService.StartAsync(infrastructure);
        _place = await _service.KnownPlaceAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _resets.DisposeAsync();
        await _invitations.DisposeAsync();
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_anyone_and_emails_a_member_a_link_that_sets_the_password_once()
    {
        var email = $"oubli.{Guid.NewGuid():N}@example.org";
        var member = await _service.MemberWithPasswordAsync(email, OldPassword, _place);

        var linksBefore = (await LinksAsync()).Count;
        var (unknownStatus, unknownPage) = await ForgotAsync($"personne.{Guid.NewGuid():N}@example.org");
        Assert.Equal(linksBefore, (await LinksAsync()).Count);
        var (memberStatus, memberPage) = await ForgotAsync(email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, memberStatus);
        Assert.Equal((unknownStatus, unknownPage), (memberStatus, memberPage));
        Assert.Contains("Si un compte correspond à cette adresse", memberPage, StringComparison.Ordinal);
        var reset = (await _resets.WaitForAsync(e => e.MemberId == member, EventTimeout)).Message;
        Assert.Equal(_service.Clock.GetUtcNow().AddHours(1), reset.ExpiresAt);
        var link = new Uri(reset.Link);
        Assert.Equal("/account/choose-password", link.AbsolutePath);

        // Kept hashed: the database has the token's SHA-256, never the token.
        var token = link.Query["?token=".Length..];
        var stored = (await LinksAsync()).Where(l => l.MemberId == member).Select(l => l.TokenHash);
        Assert.Equal([Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))], stored);

        var (status, page) = await ChooseAsync(link, "my brand new password");
        Assert.True(status == HttpStatusCode.OK, page);
        Assert.Contains("Mot de passe enregistré", page, StringComparison.Ordinal);
        Assert.NotNull((await _service.SignInAsync(email, "my brand new password")).AccessToken);
        using var browser = _service.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await CodeFlow.PostLoginAsync(browser, LoginPage, email, OldPassword)).StatusCode);

        // Spent: the page says so, and a second post sets nothing.
        using var again = _service.Browser();
        using var reopened = await again.GetAsync(link.PathAndQuery, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, reopened.StatusCode);
        Assert.Contains("Ce lien ne sert plus", await reopened.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_link_lasts_an_hour_and_asking_twice_in_a_row_sends_one_mail()
    {
        var email = $"delai.{Guid.NewGuid():N}@example.org";
        var member = await _service.MemberWithPasswordAsync(email, OldPassword, _place);
        await ForgotAsync(email);
        await ForgotAsync(email);
        var reset = (await _resets.WaitForAsync(e => e.MemberId == member, EventTimeout)).Message;
        Assert.Single(await LinksAsync(), l => l.MemberId == member);

        _service.Clock.Advance(TimeSpan.FromMinutes(61));

        using var browser = _service.Browser();
        using var expired = await browser.GetAsync(new Uri(reset.Link).PathAndQuery, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("Recevoir un nouveau lien", await expired.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.NotNull((await _service.SignInAsync(email, OldPassword)).AccessToken);
    }

    [Fact]
    public async Task Eight_browsers_posting_the_same_link_at_once_set_the_password_exactly_once()
    {
        var email = $"course.{Guid.NewGuid():N}@example.org";
        var member = await _service.MemberWithPasswordAsync(email, OldPassword, _place);
        await ForgotAsync(email);
        var link = new Uri((await _resets.WaitForAsync(e => e.MemberId == member, EventTimeout)).Message.Link);

        // Every browser opens the page first (its own antiforgery token), then all post together.
        var browsers = Enumerable.Range(0, 8).Select(_ => _service.Browser()).ToList();
        var forms = new List<Dictionary<string, string>>();
        foreach (var (browser, i) in browsers.Select((b, i) => (b, i)))
        {
            var fields = HtmlForm.HiddenFields(await browser.GetStringAsync(link.PathAndQuery, Cancel));
            fields["newPassword"] = fields["confirmPassword"] = $"racing password number {i}";
            forms.Add(fields);
        }

        var answers = await Task.WhenAll(browsers.Select(async (browser, i) =>
        {
            using var content = new FormUrlEncodedContent(forms[i]);
            using var response = await browser.PostAsync("/account/choose-password", content, Cancel);
            return (i, response.StatusCode, Page: await response.Content.ReadAsStringAsync(Cancel));
        }));

        var winners = answers.Where(a => a.Page.Contains("Mot de passe enregistré", StringComparison.Ordinal)).ToList();
        var winner = Assert.Single(winners);
        Assert.All(answers.Except(winners), a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        Assert.NotNull((await _service.SignInAsync(email, $"racing password number {winner.i}")).AccessToken);
        foreach (var browser in browsers)
        {
            browser.Dispose();
        }
    }

    [Fact]
    public async Task A_member_registered_by_an_operator_is_invited_to_choose_a_first_password()
    {
        var email = $"nouveau.{Guid.NewGuid():N}@example.org";
        var registered = await _service.Client.PostAsJsonAsync("/api/membership/members",
            new { firstName = "Nina", lastName = "Nouvelle", email, placeIds = new[] { _place } }, Cancel);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var member = (await registered.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(Cancel))!["id"]!.GetValue<Guid>();

        var invitation = (await _invitations.WaitForAsync(e => e.MemberId == member, EventTimeout)).Message;
        Assert.Equal(_service.Clock.GetUtcNow().AddDays(7), invitation.ExpiresAt);
        var link = new Uri(invitation.Link);
        using var browser = _service.Browser();
        var page = await browser.GetStringAsync(link.PathAndQuery, Cancel);
        Assert.Contains("<h1>Choisir votre mot de passe</h1>", page, StringComparison.Ordinal);

        // A password the rules refuse: said on the page, and the link still works.
        var (refusedStatus, refused) = await ChooseAsync(link, "short");
        Assert.Equal(HttpStatusCode.BadRequest, refusedStatus);
        Assert.Contains("Ce mot de passe ne convient pas", refused, StringComparison.Ordinal);
        var (mismatchStatus, mismatch) = await ChooseAsync(link, "a long enough password", confirmation: "another long password");
        Assert.Equal(HttpStatusCode.BadRequest, mismatchStatus);
        Assert.Contains("ne sont pas les mêmes", mismatch, StringComparison.Ordinal);

        var (status, done) = await ChooseAsync(link, "a long enough password");
        Assert.True(status == HttpStatusCode.OK, done);
        Assert.NotNull((await _service.SignInAsync(email, "a long enough password")).AccessToken);
    }

    [Fact]
    public async Task An_erased_member_s_link_sets_no_password()
    {
        var email = $"efface.{Guid.NewGuid():N}@example.org";
        var member = await _service.MemberWithPasswordAsync(email, OldPassword, _place);
        await ForgotAsync(email);
        var link = new Uri((await _resets.WaitForAsync(e => e.MemberId == member, EventTimeout)).Message.Link);

        Assert.Equal(HttpStatusCode.NoContent, (await _service.Client.DeleteAsync($"/api/membership/members/{member}", Cancel)).StatusCode);

        using var browser = _service.Browser();
        using var page = await browser.GetAsync(link.PathAndQuery, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.DoesNotContain(await LinksAsync(), l => l.MemberId == member);
    }

    [Fact]
    public async Task A_malformed_link_or_a_form_posted_without_its_page_is_refused_clearly()
    {
        using var browser = _service.Browser();
        foreach (var query in new[] { "", "?token=", "?token=abc", $"?token={new string('A', 43)}", "?token=%27%22<script>" })
        {
            using var page = await browser.GetAsync($"/account/choose-password{query}", Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            Assert.Contains("Ce lien ne sert plus", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        // A control character in the address is refused before any page, as on every route.
        using var control = await browser.GetAsync("/account/choose-password?token=%00", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);

        using var bare = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "lea@example.org" });
        using var forged = await browser.PostAsync(ForgotPage, bare, Cancel);
        await Problem.AssertAsync(forged, HttpStatusCode.BadRequest);
        using var json = await browser.PostAsJsonAsync(ForgotPage, new { email = "lea@example.org" }, Cancel);
        await Problem.AssertAsync(json, HttpStatusCode.BadRequest);
        var (status, invalid) = await ForgotAsync("not an address");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Indiquez une adresse e-mail complète", invalid, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, string Page)> ForgotAsync(string email)
    {
        using var browser = _service.Browser();
        using var response = await HtmlForm.PostAsync(browser, ForgotPage, new Dictionary<string, string> { ["email"] = email });
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    private async Task<(HttpStatusCode Status, string Page)> ChooseAsync(Uri link, string password, string? confirmation = null)
    {
        using var browser = _service.Browser();
        using var response = await HtmlForm.PostAsync(browser, new Uri(link.PathAndQuery, UriKind.Relative),
            new Dictionary<string, string> { ["newPassword"] = password, ["confirmPassword"] = confirmation ?? password });
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    private async Task<List<Membership.Api.Domain.PasswordLink>> LinksAsync()
    {
        await using var scope = _service.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MembershipDbContext>().PasswordLinks.AsNoTracking()
            .Where(l => l.Purpose == Membership.Api.Domain.PasswordLinkPurpose.Reset).ToListAsync(Cancel);
    }
}
