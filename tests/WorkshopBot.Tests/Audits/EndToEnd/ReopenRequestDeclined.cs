using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The chair declines a representative's request to reopen a submitted return, from the card the request came on: the
/// request is cleared, the representative told once in their 1:1 chat and free to ask again; anyone else is refused; a
/// request already answered (declined, or the return reopened) is answered so and nothing is sent.
/// </summary>
public sealed class ReopenRequestDeclined : IAsyncLifetime
{
    private const string Reason = "The grade matches the narrative; please raise it at the workshop instead.";

    private static readonly TestUser Rep = Agencies[0].Rep;

    private AuditScenario _s = null!;

    public async Task InitializeAsync()
    {
        _s = await StartAsync();
        await _s.SetUpIssuedAsync();
        await _s.FillAndSubmitAsync(0, 0);
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task DecliningClearsTheRequestTellsTheRepresentativeOnceAndLetsThemAskAgain()
    {
        var decline = await AskAsync() with { Reason = Reason };

        var answer = await ChairPressesAsync(decline);
        await _s.Host.DrainOutboxAsync();

        AssertHasText(answer, "Reopen request declined: case NAI-2026-03-C1");
        AssertHasText(answer, "They have been told, and may ask again.");
        var ret = await _s.ReturnOfAsync(0);
        Assert.Empty(ret.ReopenRequests);
        Assert.True(ret.IsReadOnly);
        var told = Assert.Single(_s.SentTo(Rep, "has declined your request"));
        Assert.Contains("case NAI-2026-03-C1", told.AllText, StringComparison.Ordinal);
        Assert.Contains($"Their reason: {Reason}", told.AllText, StringComparison.Ordinal);
        var logged = Assert.Single(await LoggedAsync(ret.Id, "return.reopen-declined"));
        Assert.Equal(Chair.AadObjectId, logged.ActorId);
        Assert.DoesNotContain("workshop", logged.DetailJson, StringComparison.OrdinalIgnoreCase);

        // Declined, the representative may ask again (a minute later), and the chair is asked again.
        _s.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await _s.AsRepAsync(Rep, ReturnsScreen.AskReopen, new AskReopenData(_s.AuditId, ret.Id, "A second look, please."));
        await _s.Host.DrainOutboxAsync();
        AssertHasText(again, "Your request has been sent to the chair.");
        Assert.Equal(2, RequestsToChair().Count);
        Assert.Single((await _s.ReturnOfAsync(0)).ReopenRequests);
    }

    [Fact]
    public async Task SomeoneOtherThanTheChairIsRefusedAndNothingChanges()
    {
        var decline = await AskAsync() with { Reason = Reason };
        var before = await _s.Store.GetReturnAsync((await _s.ReturnOfAsync(0)).Id, default);

        foreach (var who in new[] { Outsider, Lead, Rep, Agencies[1].Rep })
        {
            var refused = await _s.Host.ExecuteAsync(who, BotTestHost.PersonalChat(who), ReopenRequestsScreen.Decline, decline);
            AssertHasText(refused, Reply.NotAvailableTitle);
            Assert.DoesNotContain("NAI-2026", CardOf(refused).GetRawText(), StringComparison.Ordinal);
        }

        await _s.Host.DrainOutboxAsync();
        var after = await _s.Store.GetReturnAsync(before!.Value.Id, default);
        Assert.Equal(before.Version, after!.Version);
        Assert.Single(after.Value.ReopenRequests);
        Assert.Empty(_s.SentTo(Rep, "has declined your request"));
        Assert.Empty(await LoggedAsync(before.Value.Id, "return.reopen-declined"));
    }

    [Fact]
    public async Task DecliningTwiceSaysItWasAlreadyAnsweredAndSendsNothingMore()
    {
        var decline = await AskAsync();
        AssertHasText(await ChairPressesAsync(decline), "Reopen request declined");
        _s.Time.Advance(TimeSpan.FromSeconds(2));

        var second = await ChairPressesAsync(decline);
        await _s.Host.DrainOutboxAsync();

        AssertHasText(second, "This request has already been answered: it was declined. Nothing was sent.");
        var told = Assert.Single(_s.SentTo(Rep, "has declined your request"));
        Assert.DoesNotContain("Their reason", told.AllText, StringComparison.Ordinal);
        Assert.Single(await LoggedAsync((await _s.ReturnOfAsync(0)).Id, "return.reopen-declined"));
    }

    [Fact]
    public async Task DecliningARequestTheChairAnsweredByReopeningSaysSoAndChangesNothing()
    {
        var decline = await AskAsync();
        var retId = (await _s.ReturnOfAsync(0)).Id;
        var reopen = new ReopenData(_s.AuditId, retId.ToString("D"), "Grade.");
        AssertHasText(await _s.ExecuteAsync(Chair, TrackerScreen.Reopen, reopen), "Return reopened");

        var declined = await ChairPressesAsync(decline with { Reason = Reason });
        AssertHasText(declined, "This request has already been answered: the return was reopened on 2 March 2026");

        // Submitted and asked about again, the old card's decline still answers only the request it came with.
        _s.Time.Advance(TimeSpan.FromMinutes(1));
        await _s.FillAndSubmitAsync(0, 0);
        var newer = await AskAsync();
        AssertHasText(await ChairPressesAsync(decline), "already been answered");
        await _s.Host.DrainOutboxAsync();

        Assert.Single((await _s.ReturnOfAsync(0)).ReopenRequests, r => r.At == newer.RequestedAt);
        Assert.Empty(_s.SentTo(Rep, "has declined your request"));
        Assert.Empty(await LoggedAsync(retId, "return.reopen-declined"));
    }

    [Fact]
    public async Task AskedAgainWithinTheSameSecondAfterADeclineTheChairIsAskedAgain()
    {
        var second = _s.Time.GetUtcNow().ToUnixTimeSeconds();
        AssertHasText(await ChairPressesAsync(await AskAsync()), "Reopen request declined");
        _s.Time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(second, _s.Time.GetUtcNow().ToUnixTimeSeconds());

        var again = await AskAsync();

        Assert.Equal(2, RequestsToChair().Count);
        Assert.Single((await _s.ReturnOfAsync(0)).ReopenRequests, r => r.At == again.RequestedAt);
    }

    [Fact]
    public async Task DecliningOnAClosedAuditIsRefusedPolitelyAndTheRequestStaysPending()
    {
        var decline = await AskAsync() with { Reason = Reason };
        var id = new AuditRefData(_s.AuditId);
        AssertHasText(await _s.ExecuteAsync(Chair, TrackerScreen.Release, id), "Returns released for moderation.");
        AssertHasText(await _s.ExecuteAsync(Chair, DashboardScreen.Close, id), "Audit closed.");
        var before = (await _s.Store.GetReturnAsync((await _s.ReturnOfAsync(0)).Id, default))!;
        var sentBefore = _s.SentTo(Rep, string.Empty).Count;

        var refused = CardOf(await ChairPressesAsync(decline)).GetRawText();
        await _s.Host.DrainOutboxAsync();

        Assert.Contains("closed", refused, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Reopen request declined", refused, StringComparison.Ordinal);
        var after = (await _s.Store.GetReturnAsync(before.Value.Id, default))!;
        Assert.Equal(before.Version, after.Version);
        Assert.Single(after.Value.ReopenRequests, r => r.At == decline.RequestedAt);
        Assert.Equal(sentBefore, _s.SentTo(Rep, string.Empty).Count);
        Assert.Empty(_s.SentTo(Rep, "has declined your request"));
        Assert.Empty(await LoggedAsync(before.Value.Id, "return.reopen-declined"));
    }

    [Fact]
    public async Task ARepresentativeReplacedSinceAskingIsNotToldTheChairsReason()
    {
        var decline = await AskAsync() with { Reason = Reason };
        var ret = await _s.ReturnOfAsync(0);
        // People move jobs mid-audit: the chair gives the agency another representative before answering.
        var people = new AgencyPeopleData(_s.AuditId, ret.AgencyId, Outsider.Id, null, null);
        await _s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, people);
        Assert.Equal(Outsider.AadObjectId, (await _s.Store.GetAuditAsync(_s.AuditId, default))!.Value.FindAgency(ret.AgencyId)!
            .Representative!.UserId);

        var answer = await ChairPressesAsync(decline);
        await _s.Host.DrainOutboxAsync();

        AssertHasText(answer, "Reopen request declined: case NAI-2026-03-C1");
        AssertHasText(answer, "representative, so they were not told");
        Assert.Empty((await _s.ReturnOfAsync(0)).ReopenRequests);
        Assert.Empty(_s.SentTo(Rep, "has declined your request"));
        Assert.Empty(_s.SentTo(Outsider, "has declined your request"));
    }

    [Theory]
    [InlineData("Baby Ellie-Mae Thornton was seen by the GP, so the grade stands.")]
    [InlineData("NHS no 943 476 5919 on file matches the return.")]
    public async Task AReasonWithAChildsNameOrNhsNumberIsRefusedAndNothingIsStored(string reason)
    {
        var decline = await AskAsync() with { Reason = reason };
        var before = await _s.Store.GetReturnAsync((await _s.ReturnOfAsync(0)).Id, default);

        var refused = CardOf(await ChairPressesAsync(decline)).GetRawText();
        await _s.Host.DrainOutboxAsync();

        Assert.Contains("may contain personal information", refused, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(reason, refused, StringComparison.Ordinal);
        Assert.NotNull(FindAction(CardOf(await ChairPressesAsync(decline)), ReopenRequestsScreen.Decline));
        var after = await _s.Store.GetReturnAsync(before!.Value.Id, default);
        Assert.Equal(before.Version, after!.Version);
        Assert.Single(after.Value.ReopenRequests);
        Assert.Empty(_s.SentTo(Rep, "has declined your request"));
        Assert.Empty(await LoggedAsync(before.Value.Id, "return.reopen-declined"));
        var everything = await _s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, before.Value.Id.ToString("D"));
        Assert.DoesNotContain(everything, e => e.DetailJson?.Contains(reason[..12], StringComparison.Ordinal) == true);
    }

    /// <summary>The representative asks to reopen case 1's return; the decline on the card the chair received, as it posts.</summary>
    private async Task<DeclineReopenData> AskAsync()
    {
        var asked = RequestsToChair().Count;
        var ret = await _s.ReturnOfAsync(0);
        var request = new AskReopenData(_s.AuditId, ret.Id, "I chose the wrong grade.");
        AssertHasText(await _s.AsRepAsync(Rep, ReturnsScreen.AskReopen, request), "Your request has been sent to the chair.");
        await _s.Host.DrainOutboxAsync();
        var card = Assert.Single(RequestsToChair().Skip(asked)).Cards.Single();
        var action = FindAction(card, ReopenRequestsScreen.Decline) ?? throw new Xunit.Sdk.XunitException("No decline on the card.");
        return Read<DeclineReopenData>(action);
    }

    private Task<InvokeResult> ChairPressesAsync(DeclineReopenData data) =>
        _s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), ReopenRequestsScreen.Decline, data);

    private List<SentActivity> RequestsToChair() => _s.SentTo(Chair, "Reopen request: case");

    private async Task<List<AuditEvent>> LoggedAsync(Guid returnId, string action) =>
        (await _s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, returnId.ToString("D"))).Where(e => e.Action == action).ToList();
}
