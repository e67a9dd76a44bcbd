using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;
using static WorkshopBot.Tests.Audits.EndToEnd.ChairHandedOver;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A representative's audit tool card does not name the chair, so a handover leaves no card naming the chair before (who may
/// have left), and the handover does not redraw the representatives' tool cards, which would replace whatever page of their
/// return they have open, answers typed but not yet saved included.
/// </summary>
public sealed class ToolCardsAfterChairHandover
{
    [Fact]
    public async Task NoToolCardNamesTheChairBeforeOrAfterAHandoverAndNoneIsRedrawnByIt()
    {
        await using var s = await StartWithNewChairAsync();
        await s.SetUpIssuedAsync();
        var rep = Agencies[0].Rep;
        var delivered = s.SentTo(rep, "Audit tool:");
        Assert.NotEmpty(delivered);
        Assert.All(delivered, card => Assert.DoesNotContain(Chair.Name, card.AllText, StringComparison.Ordinal));
        var sentBefore = s.Host.Sent(BotTestHost.PersonalChat(rep).Id).Count;

        AssertHasText(await s.Host.ExecuteAsync(Admin, AdminChat, ChairScreen.Save,
            new ChairHandoverData(s.AuditId, Chair.AadObjectId, NewChair.Id, nameof(ChairHandoverReason.Absent))),
            "Incoming Quality Chair is now the chair of this audit.");
        await s.Host.DrainOutboxAsync();

        Assert.Equal(sentBefore, s.Host.Sent(BotTestHost.PersonalChat(rep).Id).Count);
        var ret = await s.ReturnOfAsync(0);
        var overview = CardOf(await s.AsRepAsync(rep, ReturnsScreen.OpenReturn, new ReturnRefData(s.AuditId, ret.Id, -1)))
            .GetRawText();
        Assert.Contains("Audit tool:", overview, StringComparison.Ordinal);
        Assert.DoesNotContain(Chair.Name, overview, StringComparison.Ordinal);
    }
}
