using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// "Yes, a child is unsafe now" saved from one card several times: as two activities at once (a double press, or Teams
/// retrying the invoke under a new id), as a redelivery of the same activity and once more afterwards from the same card.
/// One alert is raised, the chair and the named lead each get it once (even when Teams first answers 429 and then 503
/// for the chair), and the log has one line for it.
/// </summary>
public sealed class SafetyAlertPressedTwice
{
    private static TestUser Police => Agencies[1].Rep;

    [Fact]
    public async Task OneSafetyAnswerSavedManyTimesRaisesOneAlertDeliveredOnceToEach()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var chat = Uri.EscapeDataString(BotTestHost.PersonalChat(Chair).Id);
        s.Host.Connector.Inject(chat, new InjectedFailure(429, RetryAfter: TimeSpan.FromSeconds(1)));
        s.Host.Connector.Inject(chat, new InjectedFailure(503));

        var ret = await s.ReturnOfAsync(1);
        var save = s.SafetyYes(ret, "Bruising seen at a recent contact; referral made today.");
        var chatWithPolice = BotTestHost.PersonalChat(Police);
        var first = s.Host.CardAction(Police, chatWithPolice, ReturnsScreen.SaveSection, save);
        var retried = s.Host.CardAction(Police, chatWithPolice, ReturnsScreen.SaveSection, save);

        var answers = await Task.WhenAll(s.Host.InvokeAsync(first), s.Host.InvokeAsync(retried));
        var again = await s.Host.InvokeAsync(first);
        var later = await s.Host.InvokeAsync(s.Host.CardAction(Police, chatWithPolice, ReturnsScreen.SaveSection, save));
        for (var i = 0; i < 5; i++)
        {
            await s.Host.DrainOutboxAsync();
            s.Time.Advance(TimeSpan.FromSeconds(31));
        }

        Assert.All(answers.Append(again).Append(later), a => Assert.Equal(System.Net.HttpStatusCode.OK, a.Status));
        var escalation = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        var tries = s.Host.Connector.Requests.Where(r => r.RawTarget.Contains(chat, StringComparison.Ordinal)).ToList();
        Assert.Equal([429, 503], tries.Select(r => r.StatusCode).Where(c => c >= 400));
        Assert.Single(s.SentTo(Chair, "Immediate safety concern"));
        Assert.Single(s.SentTo(Lead, "Immediate safety concern"));
        Assert.Empty(s.SentTo(Chair, "added to or changed the details"));
        var log = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, escalation.Id.ToString("D"));
        Assert.Equal(["safety.raised"], log.Select(e => e.Action));
        var saves = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, ret.Id.ToString("D"));
        Assert.Single(saves, e => e.Action == "return.section-saved");
    }
    /// <summary>
    /// Save pressed twice on the safety page, one press after the other: the second press carries the first's answers on a
    /// card now one version old. It is answered as the save it repeats, saying where the alert went, not as a card someone
    /// else made stale; nothing is saved or sent again.
    /// </summary>
    [Fact]
    public async Task TheSecondPressOfSaveSaysTheConcernWasSentNotThatTheReturnChanged()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var ret = await s.ReturnOfAsync(1);
        var save = s.SafetyYes(ret, "Bruising seen at a recent contact; referral made today.");

        var first = CardOf(await s.AsRepAsync(Police, ReturnsScreen.SaveSection, save)).GetRawText();
        var second = CardOf(await s.AsRepAsync(Police, ReturnsScreen.SaveSection, save)).GetRawText();
        await s.Host.DrainOutboxAsync();

        const string Sent = "Your immediate concern has been sent to the chair and Police Named Lead.";
        Assert.Contains(Sent, first, StringComparison.Ordinal);
        Assert.Contains(Sent, second, StringComparison.Ordinal);
        Assert.DoesNotContain("has changed since you opened it", second, StringComparison.Ordinal);
        Assert.DoesNotContain("last saved by", second, StringComparison.Ordinal);
        Assert.Equal(ret.Version + 1, (await s.ReturnOfAsync(1)).Version);
        Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        Assert.Single(s.SentTo(Chair, "Immediate safety concern"));
    }

    /// <summary>An older card of the representative's own, with other answers, is refused without naming them as someone else.</summary>
    [Fact]
    public async Task AnOlderCardOfTheSamePersonIsNotRefusedAsIfSomeoneElseChangedTheReturn()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var ret = await s.ReturnOfAsync(1);
        var q = ret.Sections[0].Questions[0].Id;
        await s.AsRepAsync(Police, ReturnsScreen.SaveSection, s.SaveFirstSection(ret, ReturnMoves.Stay,
            new Dictionary<string, string> { ["a:" + q] = "yes", ["n:" + q] = "Saved from the first card." }));

        var stale = CardOf(await s.AsRepAsync(Police, ReturnsScreen.SaveSection, s.SaveFirstSection(ret, ReturnMoves.Stay,
            new Dictionary<string, string> { ["a:" + q] = "no", ["n:" + q] = "Typed on an older card." }))).GetRawText();

        Assert.Contains("you have saved it since, from another card or with a second press", stale, StringComparison.Ordinal);
        Assert.DoesNotContain("last saved by Police Auditor", stale, StringComparison.Ordinal);
        Assert.Equal("Saved from the first card.", (await s.ReturnOfAsync(1)).AnswerTo(q)!.Narrative);
    }
}
