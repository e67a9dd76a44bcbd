using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A reason typed with a reopen request, a decline or a reopening is checked for personal information only once the
/// request can be made or answered: a request the chair can no longer answer (the audit closed, the return reopened, the
/// request declined), a return that can no longer be reopened, or a request still pending is said so at once, not after
/// the reason has been reworded. Who may act is still checked first: anyone else gets the card that names nothing.
/// Nothing is stored, sent or logged in any of these.
/// </summary>
public sealed class ReopenStateBeforeReason : IAsyncLifetime
{
    private const string ChildsName = "Baby Ellie-Mae Thornton was seen by the GP, so the grade stands.";

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
    public async Task DecliningOnAClosedAuditWithAnIdentifyingReasonSaysItCanNoLongerBeAnswered()
    {
        var decline = await AskAsync() with { Reason = ChildsName };
        await CloseAsync();
        var before = await SnapshotAsync();

        var answer = CardOf(await ChairDeclinesAsync(decline)).GetRawText();
        await _s.Host.DrainOutboxAsync();

        Assert.Contains("requests to reopen its returns can no longer be answered", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("reword", answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Thornton", answer, StringComparison.Ordinal);
        await AssertNothingChangedAsync(before);
        Assert.Single((await _s.ReturnOfAsync(0)).ReopenRequests, r => r.At == decline.RequestedAt);
    }

    [Fact]
    public async Task DecliningARequestAlreadyDeclinedWithAnIdentifyingReasonSaysItWasAnswered()
    {
        var decline = await AskAsync();
        AssertHasText(await ChairDeclinesAsync(decline), "Reopen request declined");
        await _s.Host.DrainOutboxAsync();
        _s.Time.Advance(TimeSpan.FromSeconds(2));
        var before = await SnapshotAsync();

        var answer = CardOf(await ChairDeclinesAsync(decline with { Reason = ChildsName })).GetRawText();
        await _s.Host.DrainOutboxAsync();

        Assert.Contains("This request has already been answered: it was declined.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", answer, StringComparison.Ordinal);
        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public async Task DecliningARequestAnsweredByReopeningWithAnIdentifyingReasonSaysItWasAnswered()
    {
        var decline = await AskAsync() with { Reason = ChildsName };
        var retId = (await _s.ReturnOfAsync(0)).Id;
        AssertHasText(await _s.ExecuteAsync(Chair, TrackerScreen.Reopen, new ReopenData(_s.AuditId, retId.ToString("D"), "Grade.")),
            "Return reopened");
        await _s.Host.DrainOutboxAsync();
        var before = await SnapshotAsync();

        var answer = CardOf(await ChairDeclinesAsync(decline)).GetRawText();
        await _s.Host.DrainOutboxAsync();

        Assert.Contains("This request has already been answered: the return was reopened on", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", answer, StringComparison.Ordinal);
        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public async Task SomeoneElseDecliningOnAClosedAuditWithAnIdentifyingReasonLearnsNothing()
    {
        var decline = await AskAsync() with { Reason = ChildsName };
        await CloseAsync();
        var before = await SnapshotAsync();

        foreach (var who in new[] { Outsider, Lead, Rep, Agencies[1].Rep })
        {
            var refused = await _s.Host.ExecuteAsync(who, BotTestHost.PersonalChat(who), ReopenRequestsScreen.Decline, decline);
            var text = CardOf(refused).GetRawText();

            AssertHasText(refused, Reply.NotAvailableTitle);
            Assert.DoesNotContain("closed", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("personal information", text, StringComparison.Ordinal);
            Assert.DoesNotContain("NAI-2026", text, StringComparison.Ordinal);
        }

        await _s.Host.DrainOutboxAsync();
        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public async Task TheChairWithAnAnswerableRequestAndAnIdentifyingReasonIsStillAskedToRewordIt()
    {
        var decline = await AskAsync() with { Reason = ChildsName };
        var before = await SnapshotAsync();

        var answer = CardOf(await ChairDeclinesAsync(decline)).GetRawText();
        await _s.Host.DrainOutboxAsync();

        Assert.Contains("may contain personal information", answer, StringComparison.Ordinal);
        Assert.Contains("Please reword it. Nothing was sent.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(ChildsName, answer, StringComparison.Ordinal);
        await AssertNothingChangedAsync(before);
        Assert.Single((await _s.ReturnOfAsync(0)).ReopenRequests);
    }

    [Fact]
    public async Task ReopeningOnAClosedAuditWithAnIdentifyingReasonSaysItCanNoLongerBeReopened()
    {
        await CloseAsync();
        var before = await SnapshotAsync();

        var answer = CardOf(await ChairReopensAsync(ChildsName)).GetRawText();
        await _s.Host.DrainOutboxAsync();

        Assert.Contains("The audit is closed; its returns can no longer be reopened.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", answer, StringComparison.Ordinal);
        Assert.True((await _s.ReturnOfAsync(0)).IsReadOnly);
        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public async Task ReopeningAReturnAlreadyReopenedWithAnIdentifyingReasonSaysItIsOpen()
    {
        AssertHasText(await ChairReopensAsync("Grade."), "Return reopened");
        await _s.Host.DrainOutboxAsync();
        var before = await SnapshotAsync();

        var answer = CardOf(await ChairReopensAsync(ChildsName)).GetRawText();
        await _s.Host.DrainOutboxAsync();

        Assert.Contains("This return is not submitted, so it is already open for editing.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", answer, StringComparison.Ordinal);
        Assert.Single((await _s.ReturnOfAsync(0)).Reopenings);
        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public async Task AskingAgainWhilePendingWithAnIdentifyingReasonSaysItIsPending()
    {
        await AskAsync();
        _s.Time.Advance(TimeSpan.FromSeconds(2));
        var before = await SnapshotAsync();
        var asked = _s.SentTo(Chair, "Reopen request: case").Count;

        var answer = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.AskReopen,
            new AskReopenData(_s.AuditId, before.Return.Id, ChildsName))).GetRawText();
        await _s.Host.DrainOutboxAsync();

        Assert.Contains("You already asked the chair to reopen this return", answer, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent again.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", answer, StringComparison.Ordinal);
        Assert.Equal(asked, _s.SentTo(Chair, "Reopen request: case").Count);
        await AssertNothingChangedAsync(before);
    }

    /// <summary>
    /// A reason over the limit is refused for its length before it is checked for personal information (a long one took
    /// seconds to scan, and a warning listing every finding in it could not fit on a card): the length refusal, not the
    /// warning, and nothing stored, sent or logged.
    /// </summary>
    [Fact]
    public async Task AnOverLongReasonToDeclineIsRefusedForItsLengthBeforeTheIdentifierCheck()
    {
        var decline = await AskAsync() with { Reason = OverLong(AuditReturn.ReopenReasonMaxLength) };
        var before = await SnapshotAsync();

        var answer = CardOf(await ChairDeclinesAsync(decline)).GetRawText();
        await _s.Host.DrainOutboxAsync();

        Assert.Contains("The reason is ", answer, StringComparison.Ordinal);
        Assert.Contains("the limit is 1,000. Please shorten it by", answer, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Thornton", answer, StringComparison.Ordinal);
        await AssertNothingChangedAsync(before);
        Assert.Single((await _s.ReturnOfAsync(0)).ReopenRequests);
    }

    /// <inheritdoc cref="AnOverLongReasonToDeclineIsRefusedForItsLengthBeforeTheIdentifierCheck"/>
    [Fact]
    public async Task AnOverLongReasonToReopenIsRefusedForItsLengthBeforeTheIdentifierCheck()
    {
        var before = await SnapshotAsync();

        var answer = CardOf(await ChairReopensAsync(OverLong(AuditReturn.ReopenReasonMaxLength))).GetRawText();
        await _s.Host.DrainOutboxAsync();

        Assert.Contains("The reason is ", answer, StringComparison.Ordinal);
        Assert.Contains("the limit is 1,000. Please shorten it by", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Thornton", answer, StringComparison.Ordinal);
        Assert.True((await _s.ReturnOfAsync(0)).IsReadOnly);
        Assert.Empty((await _s.ReturnOfAsync(0)).Reopenings);
        await AssertNothingChangedAsync(before);
    }

    /// <inheritdoc cref="AnOverLongReasonToDeclineIsRefusedForItsLengthBeforeTheIdentifierCheck"/>
    [Fact]
    public async Task AnOverLongReasonToAskIsRefusedForItsLength()
    {
        var before = await SnapshotAsync();
        var asked = _s.SentTo(Chair, "Reopen request: case").Count;

        var answer = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.AskReopen,
            new AskReopenData(_s.AuditId, before.Return.Id, OverLong(AuditReturn.ReopenReasonMaxLength)))).GetRawText();
        await _s.Host.DrainOutboxAsync();

        Assert.Contains("the limit is 1,000. Please shorten it by", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", answer, StringComparison.Ordinal);
        Assert.Equal(asked, _s.SentTo(Chair, "Reopen request: case").Count);
        await AssertNothingChangedAsync(before);
    }

    /// <summary>A reason naming a child again and again, over <paramref name="limit"/> characters.</summary>
    private static string OverLong(int limit) =>
        string.Join(" ", Enumerable.Repeat(ChildsName, (limit / ChildsName.Length) + 2));

    /// <summary>The representative asks to reopen case 1's return; the decline on the card the chair received.</summary>
    private async Task<DeclineReopenData> AskAsync()
    {
        var asked = _s.SentTo(Chair, "Reopen request: case").Count;
        var ret = await _s.ReturnOfAsync(0);
        var request = new AskReopenData(_s.AuditId, ret.Id, "I chose the wrong grade.");
        AssertHasText(await _s.AsRepAsync(Rep, ReturnsScreen.AskReopen, request), "Your request has been sent to the chair.");
        await _s.Host.DrainOutboxAsync();
        var card = Assert.Single(_s.SentTo(Chair, "Reopen request: case").Skip(asked)).Cards.Single();
        var action = FindAction(card, ReopenRequestsScreen.Decline) ?? throw new Xunit.Sdk.XunitException("No decline on the card.");
        return Read<DeclineReopenData>(action);
    }

    private async Task CloseAsync()
    {
        var id = new AuditRefData(_s.AuditId);
        AssertHasText(await _s.ExecuteAsync(Chair, TrackerScreen.Release, id), "Returns released for moderation.");
        AssertHasText(await _s.ExecuteAsync(Chair, DashboardScreen.Close, id), "Audit closed.");
        await _s.Host.DrainOutboxAsync();
    }

    private Task<InvokeResult> ChairDeclinesAsync(DeclineReopenData data) =>
        _s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), ReopenRequestsScreen.Decline, data);

    private async Task<InvokeResult> ChairReopensAsync(string reason)
    {
        var ret = await _s.ReturnOfAsync(0);
        return await _s.ExecuteAsync(Chair, TrackerScreen.Reopen, new ReopenData(_s.AuditId, ret.Id.ToString("D"), reason));
    }

    private async Task<Snapshot> SnapshotAsync()
    {
        var ret = await _s.ReturnOfAsync(0);
        var stored = (await _s.Store.GetReturnAsync(ret.Id, default))!;
        return new Snapshot(ret, stored.Version, (await EventsAsync(ret.Id)).Count, _s.SentTo(Rep, string.Empty).Count);
    }

    /// <summary>The return as it was, nothing more logged about it, nothing more sent to the representative.</summary>
    private async Task AssertNothingChangedAsync(Snapshot before)
    {
        var after = (await _s.Store.GetReturnAsync(before.Return.Id, default))!;
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Return.ReopenRequests, after.Value.ReopenRequests);
        Assert.Equal(before.Return.Status, after.Value.Status);
        var events = await EventsAsync(before.Return.Id);
        Assert.Equal(before.Events, events.Count);
        Assert.DoesNotContain(events, e => e.DetailJson?.Contains("Thornton", StringComparison.Ordinal) == true);
        Assert.Equal(before.SentToRep, _s.SentTo(Rep, string.Empty).Count);
    }

    private async Task<IReadOnlyList<AuditEvent>> EventsAsync(Guid returnId) =>
        (await _s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, returnId.ToString("D"))).ToList();

    private sealed record Snapshot(AuditReturn Return, long Version, int Events, int SentToRep);
}
