using TiersLieux.Membership.Api.Domain;
using TiersLieux.Security;

namespace TiersLieux.Membership.Tests.Domain;

public sealed class AccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Account WithPassword()
    {
        var account = Account.For(Guid.CreateVersion7());
        account.SetPasswordHash("hash", Now);
        return account;
    }

    [Fact]
    public void The_fifth_wrong_password_in_a_row_locks_the_account_for_15_minutes()
    {
        var account = WithPassword();

        var outcomes = Enumerable.Range(0, 5).Select(_ => account.RecordSignIn(passwordMatched: false, Now)).ToList();

        Assert.Equal([.. Enumerable.Repeat(SignInOutcome.WrongPassword, 4), SignInOutcome.LockedOut], outcomes);
        Assert.Equal(Now + TimeSpan.FromMinutes(15), account.LockedUntil);
        Assert.Equal(SignInOutcome.LockedOut, account.RecordSignIn(passwordMatched: true, Now.AddMinutes(14)));
        Assert.Equal(SignInOutcome.SignedIn, account.RecordSignIn(passwordMatched: true, Now.AddMinutes(15)));
    }

    [Fact]
    public void A_right_password_resets_the_count_of_failures()
    {
        var account = WithPassword();
        for (var i = 0; i < 4; i++)
        {
            account.RecordSignIn(passwordMatched: false, Now);
        }

        account.RecordSignIn(passwordMatched: true, Now);

        Assert.Equal(SignInOutcome.WrongPassword, account.RecordSignIn(passwordMatched: false, Now));
        Assert.Null(account.LockedUntil);
    }

    [Fact]
    public void Without_a_password_nobody_signs_in_and_nothing_is_counted()
    {
        var account = Account.For(Guid.CreateVersion7());

        Assert.Equal(SignInOutcome.NoPassword, account.RecordSignIn(passwordMatched: true, Now));
        Assert.Equal(0, account.FailedSignIns);
    }

    [Theory]
    [InlineData("short", false)]
    [InlineData("aaaaaaaaaaaaaaaa", false)]
    [InlineData(" padded password ", false)]
    [InlineData("correct horse battery", true)]
    public void Passwords_have_a_length_and_some_variety(string password, bool valid) =>
        Assert.Equal(valid, !Account.ValidatePassword(password).Any);

    [Fact]
    public void Every_member_has_the_member_role_and_an_operator_acts_for_at_least_one_place()
    {
        var account = Account.For(Guid.CreateVersion7());
        var place = Guid.CreateVersion7();

        Assert.Equal([PlatformRoles.Member], account.Roles);
        Assert.True(account.GrantRoles(placeOperator: true, [], networkAdmin: false).Has("operatedPlaceIds"));
        Assert.True(account.GrantRoles(placeOperator: false, [place], networkAdmin: false).Has("operatedPlaceIds"));
        Assert.False(account.GrantRoles(placeOperator: true, [place, place], networkAdmin: true).Any);
        Assert.Equal([PlatformRoles.Member, PlatformRoles.PlaceOperator, PlatformRoles.NetworkAdmin], account.Roles);
        Assert.Equal([place], account.OperatedPlaceIds);
    }

    [Fact]
    public void Erasure_removes_the_password_and_every_role()
    {
        var account = WithPassword();
        account.GrantRoles(placeOperator: true, [Guid.CreateVersion7()], networkAdmin: true);

        account.Erase();

        Assert.Null(account.PasswordHash);
        Assert.Equal([PlatformRoles.Member], account.Roles);
        Assert.Empty(account.OperatedPlaceIds);
    }
}
