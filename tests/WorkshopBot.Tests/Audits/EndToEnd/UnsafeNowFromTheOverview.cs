using System.Text.Json;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The immediate-safety question is the last step of the audit tool, and a "yes" alerts the chair at once: a representative
/// who knows a child may be unsafe now reaches it from the return's overview with one press, not by paging through the tool.
/// </summary>
public sealed class UnsafeNowFromTheOverview
{
    private static TestUser Police => Agencies[1].Rep;

    private static JsonElement? UnsafeNowButton(JsonElement card) =>
        AllActions(card).Where(a => a.TryGetProperty("title", out var t) && t.GetString() == "A child may be unsafe now")
            .Select(a => (JsonElement?)a).SingleOrDefault();

    [Fact]
    public async Task OnePressFromTheOverviewReachesTheSafetyQuestionAndAYesAlertsTheChair()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var ret = await s.ReturnOfAsync(1);
        var overview = CardOf(await s.AsRepAsync(Police, ReturnsScreen.OpenReturn, new ReturnRefData(s.AuditId, ret.Id, -1)));
        var button = UnsafeNowButton(overview);
        Assert.NotNull(button);
        Assert.Equal(ReturnsScreen.OpenReturn, button.Value.GetProperty("verb").GetString());

        var open = Read<ReturnRefData>(button.Value);
        var page = CardOf(await s.AsRepAsync(Police, ReturnsScreen.OpenReturn, open));
        var safety = ret.AllQuestions.Single(q => q.IsSafetyQuestion);
        Assert.Contains("Is any child unsafe now", page.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("a yes alerts the chair and your named lead as soon as you save", page.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("a:" + safety.Id, InputIds(page));

        var yes = s.SafetyYes(ret, "Bruising seen at a recent contact; agency referral made today.") with
        {
            Step = open.Step, Page = open.Page,
        };
        var answered = CardOf(await s.AsRepAsync(Police, ReturnsScreen.SaveSection, yes)).GetRawText();
        await s.Host.DrainOutboxAsync();

        Assert.Contains("Your immediate concern has been sent to the chair and Police Named Lead. It is sent again as a reminder "
            + "until it is acknowledged. WorkshopBot does not make referrals: make any referral through your agency's own procedures "
            + "now.", answered, StringComparison.Ordinal);
        Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        // The chair is told what to do next, and the button says what it does.
        var alert = Assert.Single(s.SentTo(Chair, "Immediate safety concern")).AllText;
        Assert.Contains($"What to do now: check with {Police.Name} that their agency is acting on this.", alert,
            StringComparison.Ordinal);
        Assert.Contains(SafetyCard.AcknowledgeTitle, alert, StringComparison.Ordinal);
    }

    /// <summary>
    /// A submitted return opens only as its read-only card, so that card offers no way to its safety page; a concern after
    /// submitting is raised from a card of the safety page drawn before (SafetyYesOnASubmittedReturn), or with the chair.
    /// </summary>
    [Fact]
    public async Task TheReadOnlyCardOfASubmittedReturnOffersNoSafetyPageItCannotOpen()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0);
        var ret = await s.ReturnOfAsync(1);

        var overview = CardOf(await s.AsRepAsync(Police, ReturnsScreen.OpenReturn, new ReturnRefData(s.AuditId, ret.Id, -1)));

        Assert.Contains("Submitted: case", overview.GetRawText(), StringComparison.Ordinal);
        Assert.Null(UnsafeNowButton(overview));
    }
}
