using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// "Yes, a child is unsafe now" typed on a card of the immediate-safety page that is out of date (the representative saved
/// the return from another card since): the yes and its details are saved and the chair and named lead alerted at once, as
/// from a current card, once however often the card is pressed; the other changes on it are shown back as not saved, and
/// why. The immediate-safety page has a second question, added by the chair, so the card carries another change.
/// </summary>
public sealed class StaleCardSafetyAnswer : IAsyncLifetime
{
    private const string Details = "Bruising seen at a recent contact; agency referral made today.";
    private const string Other = "Typed on the older card about the response.";
    private const string Sent = "Your immediate concern has been sent to the chair and Police Named Lead.";

    private AuditScenario _s = null!;

    private static TestUser Police => Agencies[1].Rep;

    public async Task InitializeAsync()
    {
        _s = await StartAsync();
        await _s.CreateAsync();
        var audit = (await _s.Store.GetAuditAsync(_s.AuditId, default))!.Value;
        var add = new SaveQuestionData(_s.AuditId, audit.Questions.Sections[^1].Id, null, "Was the immediate response recorded?",
            null, null, "false");
        Assert.Contains("Question saved.", CardOf(await _s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, add)).GetRawText());
        await _s.AddCasesAsync();
        await _s.AddAgenciesAsync();
        AssertHasText(await _s.IssueAsync(), "Audit issued");
        await _s.Host.DrainOutboxAsync();
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    /// <summary>The card of the immediate-safety page drawn at version <paramref name="version"/>, saved with these inputs.</summary>
    private async Task<string> SaveSafetyPageAsync(AuditReturn ret, int version, Dictionary<string, string> inputs,
        bool confirm = false)
    {
        var section = ret.Sections[^1];
        var step = ReturnSteps.Build(ret).Single(x => x.Section?.Id == section.Id).Index;
        var save = new SaveSectionData(_s.AuditId, ret.Id, section.Id, step, 0, version, ReturnMoves.Next)
        {
            Inputs = inputs.ToDictionary(i => i.Key, i => JsonSerializer.SerializeToElement(i.Value)),
            ConfirmNotIdentifying = confirm,
        };
        var card = CardOf(await _s.AsRepAsync(Police, ReturnsScreen.SaveSection, save)).GetRawText();
        await _s.Host.DrainOutboxAsync();
        return card;
    }

    /// <summary>The return saved from another card: the safety page's card drawn before it is now out of date.</summary>
    private async Task<(AuditReturn Before, string Safety, string Added)> MadeStaleAsync()
    {
        var before = await _s.ReturnOfAsync(1);
        var q = before.Sections[0].Questions[0].Id;
        await _s.AsRepAsync(Police, ReturnsScreen.SaveSection, _s.SaveFirstSection(before, ReturnMoves.Stay,
            new Dictionary<string, string> { ["a:" + q] = "yes", ["n:" + q] = "Saved from the phone." }));
        Assert.Equal(before.Version + 1, (await _s.ReturnOfAsync(1)).Version);
        var questions = before.Sections[^1].Questions;
        Assert.True(questions[0].IsSafetyQuestion);
        return (before, questions[0].Id, questions[1].Id);
    }

    private async Task<IReadOnlyList<string>> LogOfAsync(string subject, string id) =>
        (await _s.Host.Get<IAuditLog>().ListAsync(subject, id)).Select(e => e.Action).ToList();

    [Fact]
    public async Task AYesOnAnOlderCardAlertsAtOnceAndTheOtherChangesAreShownAsNotSaved()
    {
        var (before, safety, added) = await MadeStaleAsync();
        var typed = new Dictionary<string, string>
        {
            ["a:" + safety] = "yes", ["n:" + safety] = Details, ["a:" + added] = "partly", ["n:" + added] = Other,
        };

        var card = await SaveSafetyPageAsync(before, before.Version, typed);

        Assert.Contains(Sent, card, StringComparison.Ordinal);
        Assert.Contains("Your answer to immediate-safety question 6.1 is saved.", card, StringComparison.Ordinal);
        Assert.Contains("Your changes to question 6.2 were not saved.", card, StringComparison.Ordinal);
        Assert.Contains("has changed since you opened it", card, StringComparison.Ordinal);
        Assert.Contains(Other, card, StringComparison.Ordinal);
        var now = await _s.ReturnOfAsync(1);
        Assert.Equal(before.Version + 2, now.Version);
        Assert.Equal(new QuestionAnswer(AnswerValue.Yes, Details), now.AnswerTo(safety));
        Assert.Null(now.AnswerTo(added));
        Assert.Equal("Saved from the phone.", now.AnswerTo(before.Sections[0].Questions[0].Id)!.Narrative);
        var alert = Assert.Single(await _s.Store.ListEscalationsAsync(_s.AuditId, default));
        Assert.Equal(Details, alert.Details);
        Assert.Single(_s.SentTo(Chair, "Immediate safety concern"));
        Assert.Single(_s.SentTo(Lead, "Immediate safety concern"));

        // Pressed again, and sent again by Teams: nothing more is raised, saved or sent, and the answer still says where it went.
        var again = await SaveSafetyPageAsync(before, before.Version, typed);
        Assert.Contains(Sent, again, StringComparison.Ordinal);
        Assert.Contains(Other, again, StringComparison.Ordinal);
        Assert.Equal(before.Version + 2, (await _s.ReturnOfAsync(1)).Version);
        Assert.Single(await _s.Store.ListEscalationsAsync(_s.AuditId, default));
        Assert.Single(_s.SentTo(Chair, "Immediate safety concern"));
        Assert.Single(_s.SentTo(Lead, "Immediate safety concern"));
        Assert.Equal(["safety.raised"], await LogOfAsync(AuditSubjects.Escalation, alert.Id.ToString("D")));
        Assert.Equal(2, (await LogOfAsync(AuditSubjects.Return, before.Id.ToString("D"))).Count(a => a == "return.section-saved"));
    }

    [Fact]
    public async Task AYesWithAPhoneNumberOnAnOlderCardAlertsAtOnceAndItsDetailsWaitForTheCheck()
    {
        var (before, safety, added) = await MadeStaleAsync();
        var details = "Baby seen with bruising today. Mother called from 07700 900123 after the visit.";

        var card = await SaveSafetyPageAsync(before, before.Version, new Dictionary<string, string>
        {
            ["a:" + safety] = "yes", ["n:" + safety] = details, ["a:" + added] = "partly", ["n:" + added] = Other,
        });

        Assert.Contains(Sent, card, StringComparison.Ordinal);
        Assert.Contains("Possible personal information found", card, StringComparison.Ordinal);
        Assert.Contains("It is not identifying: confirm", card, StringComparison.Ordinal);
        Assert.Contains("Your yes or no to immediate-safety question 6.1 is saved now", card, StringComparison.Ordinal);
        Assert.Contains("Your changes to question 6.2 were not saved.", card, StringComparison.Ordinal);
        var now = await _s.ReturnOfAsync(1);
        Assert.Equal(new QuestionAnswer(AnswerValue.Yes, null), now.AnswerTo(safety));
        Assert.Null(now.AnswerTo(added));
        Assert.Contains("no details given yet", Assert.Single(_s.SentTo(Chair, "Immediate safety concern")).AllText,
            StringComparison.Ordinal);
        Assert.DoesNotContain("07700", string.Join(" ", _s.SentTo(Lead, "Immediate safety concern").Select(m => m.AllText)),
            StringComparison.Ordinal);

        // The card shown is current: confirming the details there saves them and sends them on the same alert.
        await SaveSafetyPageAsync(now, now.Version, new Dictionary<string, string> { ["a:" + safety] = "yes", ["n:" + safety] = details },
            confirm: true);
        Assert.Equal(details, (await _s.ReturnOfAsync(1)).AnswerTo(safety)!.Narrative);
        Assert.Equal(details, Assert.Single(await _s.Store.ListEscalationsAsync(_s.AuditId, default)).Details);
    }

    [Fact]
    public async Task AnOlderCardWithoutANewYesIsRefusedAsBeforeAndAlertsNobody()
    {
        var (before, safety, added) = await MadeStaleAsync();

        var card = await SaveSafetyPageAsync(before, before.Version, new Dictionary<string, string>
        {
            ["a:" + safety] = "no", ["a:" + added] = "partly", ["n:" + added] = Other,
        });

        Assert.Contains("has changed since you opened it", card, StringComparison.Ordinal);
        Assert.Contains(Other, card, StringComparison.Ordinal);
        Assert.DoesNotContain("immediate concern", card, StringComparison.Ordinal);
        var now = await _s.ReturnOfAsync(1);
        Assert.Equal(before.Version + 1, now.Version);
        Assert.Null(now.AnswerTo(safety));
        Assert.Empty(await _s.Store.ListEscalationsAsync(_s.AuditId, default));
    }
}
