using System.Text;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// An immediate-safety answer on a page the identifier check refuses or splits: its yes or no is saved at once and the
/// chair and named lead are alerted (or told of a withdrawal) at once; only its details wait for the author's check.
/// </summary>
public sealed class SafetyAnswerBeforeIdentifierCheck
{
    private const string Phone = "Mother called from 07700 900123 after the visit.";
    private const string Nhs = "943 476 5919";
    private const string Sent = "Your immediate concern has been sent to the chair and Police Named Lead.";
    private const string NoDetails = "no details given yet";
    private static TestUser Police => Agencies[1].Rep;

    private static Dictionary<string, JsonElement> Typed(Dictionary<string, string> inputs) =>
        inputs.ToDictionary(i => i.Key, i => JsonSerializer.SerializeToElement(i.Value));

    private static async Task<(AuditScenario S, Question Safety, QuestionSection Section)> IssuedAsync()
    {
        var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var ret = await s.ReturnOfAsync(1);
        var section = ret.Sections.Single(x => x.Questions.Any(q => q.IsSafetyQuestion));
        return (s, section.Questions.Single(q => q.IsSafetyQuestion), section);
    }

    private static async Task<(string Card, AuditReturn Before)> SaveSafetyAsync(AuditScenario s, QuestionSection section,
        Question safety, string answer, string narrative, bool confirm = false, int? version = null)
    {
        var ret = await s.ReturnOfAsync(1);
        var save = new SaveSectionData(s.AuditId, ret.Id, section.Id, -1, 0, version ?? ret.Version, ReturnMoves.Stay)
        {
            Inputs = Typed(new() { ["a:" + safety.Id] = answer, ["n:" + safety.Id] = narrative }),
            ConfirmNotIdentifying = confirm,
        };
        var result = await s.AsRepAsync(Police, ReturnsScreen.SaveSection, save);
        await s.Host.DrainOutboxAsync();
        var card = result.Body!.Value.GetRawText();
        Assert.True(Encoding.UTF8.GetByteCount(card) <= 28 * 1024);
        return (CardOf(result).GetRawText(), ret);
    }

    private static async Task<List<string>> SectionLogAsync(AuditScenario s, AuditReturn ret) =>
        (await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, ret.Id.ToString("D")))
        .Where(e => e.Action == "return.section-saved").Select(e => e.DetailJson ?? "").ToList();

    [Fact]
    public async Task AYesWithAPhoneNumberAlertsAtOnceAndTheConfirmationSendsTheDetails()
    {
        var (s, safety, section) = await IssuedAsync();
        await using var _ = s;
        var details = "Baby seen with bruising today. " + Phone;

        var (card, before) = await SaveSafetyAsync(s, section, safety, "yes", details);

        Assert.Contains("Possible personal information found", card, StringComparison.Ordinal);
        Assert.Contains("It is not identifying: confirm", card, StringComparison.Ordinal);
        Assert.Contains(Sent, card, StringComparison.Ordinal);
        Assert.Contains(details, card, StringComparison.Ordinal);
        var now = await s.ReturnOfAsync(1);
        Assert.Equal(before.Version + 1, now.Version);
        Assert.True(now.HasImmediateConcern);
        Assert.Equal(new QuestionAnswer(AnswerValue.Yes, null), now.AnswerTo(safety.Id));
        Assert.Contains(NoDetails, Assert.Single(s.SentTo(Chair, "Immediate safety concern")).AllText, StringComparison.Ordinal);
        Assert.Contains(NoDetails, Assert.Single(s.SentTo(Lead, "Immediate safety concern")).AllText, StringComparison.Ordinal);
        var logged = Assert.Single(await SectionLogAsync(s, before));
        Assert.Contains(safety.Id, logged, StringComparison.Ordinal);
        Assert.DoesNotContain("bruising", logged, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("07700", logged, StringComparison.Ordinal);

        // The card shown carries the new version: confirming it saves the details, sent on as a change of the same alert.
        var (confirmed, _) = await SaveSafetyAsync(s, section, safety, "yes", details, confirm: true);
        Assert.DoesNotContain("Possible personal information found", confirmed, StringComparison.Ordinal);
        Assert.Equal(details, (await s.ReturnOfAsync(1)).AnswerTo(safety.Id)!.Narrative);
        var alert = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        Assert.Equal(details, alert.Details);
        Assert.Contains("Baby seen with bruising today",
            Assert.Single(s.SentTo(Chair, "added to or changed the details")).AllText, StringComparison.Ordinal);
        Assert.Single(s.SentTo(Lead, "added to or changed the details"));
    }

    [Fact]
    public async Task AYesWithAnNhsNumberAlertsAtOnceAndTheNumberNeverReachesTheAlert()
    {
        var (s, safety, section) = await IssuedAsync();
        await using var _ = s;

        var (card, _) = await SaveSafetyAsync(s, section, safety, "yes", $"Baby seen with bruising; GP letter quotes NHS {Nhs}.");

        Assert.Contains("An NHS number cannot be kept, even if you confirm.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("It is not identifying: confirm", card, StringComparison.Ordinal);
        Assert.Contains(Sent, card, StringComparison.Ordinal);
        Assert.Contains("Your yes or no to immediate-safety question", card, StringComparison.Ordinal);
        Assert.Contains(ReturnsCard.OnlySafetySaved, card, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing has been saved.", card, StringComparison.Ordinal);
        var now = await s.ReturnOfAsync(1);
        Assert.True(now.HasImmediateConcern);
        Assert.Null(now.AnswerTo(safety.Id)!.Narrative);
        Assert.Contains(NoDetails, Assert.Single(s.SentTo(Chair, "Immediate safety concern")).AllText, StringComparison.Ordinal);
        Assert.Single(s.SentTo(Lead, "Immediate safety concern"));

        // The author takes the number out: the details follow through the same alert.
        await SaveSafetyAsync(s, section, safety, "yes", "Baby seen with bruising; GP letter seen.");
        var alert = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        Assert.Equal("Baby seen with bruising; GP letter seen.", alert.Details);
        Assert.Single(s.SentTo(Chair, "added to or changed the details"));
        var everything = s.Host.Sent(BotTestHost.PersonalChat(Chair).Id).Concat(s.Host.Sent(BotTestHost.PersonalChat(Lead).Id));
        Assert.All(everything, m => Assert.DoesNotContain(Nhs, m.AllText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANoWithAPhoneNumberTellsTheChairOfTheWithdrawalAtOnce()
    {
        var (s, safety, section) = await IssuedAsync();
        await using var _ = s;
        await SaveSafetyAsync(s, section, safety, "yes", "Baby seen with bruising today.");
        Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));

        var (card, _) = await SaveSafetyAsync(s, section, safety, "no", "Explained by the GP. " + Phone);

        Assert.Contains("Possible personal information found", card, StringComparison.Ordinal);
        Assert.Contains("You changed your answer to no", card, StringComparison.Ordinal);
        var now = await s.ReturnOfAsync(1);
        Assert.False(now.HasImmediateConcern);
        // The "no" does not keep the "yes"'s details, and the ones typed wait for the check.
        Assert.Equal(new QuestionAnswer(AnswerValue.No, null), now.AnswerTo(safety.Id));
        Assert.True(Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default)).IsWithdrawn);
        Assert.Single(s.SentTo(Chair, "changed their answer to no"));
        Assert.Single(s.SentTo(Lead, "changed their answer to no"));
    }

    /// <summary>
    /// A yes on a card older than the return (saved since in another window) does not wait either: it is saved and alerts at
    /// once, as on a current card, its details waiting for the check; nothing typed on the old card overwrites newer answers.
    /// </summary>
    [Fact]
    public async Task AStaleCardSavesTheNewYesAloneAndAlertsAtOnce()
    {
        var (s, safety, section) = await IssuedAsync();
        await using var _ = s;
        var ret = await s.ReturnOfAsync(1);
        var other = ret.Sections[0].Questions[0].Id;
        await s.AsRepAsync(Police, ReturnsScreen.SaveSection, s.SaveFirstSection(ret, ReturnMoves.Stay,
            new Dictionary<string, string> { ["a:" + other] = "yes", ["n:" + other] = "Saved in another window." }));

        var (card, _) = await SaveSafetyAsync(s, section, safety, "yes", "Bruising today. " + Phone, version: ret.Version);

        Assert.Contains(Sent, card, StringComparison.Ordinal);
        Assert.Contains("Possible personal information found", card, StringComparison.Ordinal);
        var now = await s.ReturnOfAsync(1);
        Assert.Equal(ret.Version + 2, now.Version);
        Assert.True(now.HasImmediateConcern);
        Assert.Equal(new QuestionAnswer(AnswerValue.Yes, null), now.AnswerTo(safety.Id));
        Assert.Equal("Saved in another window.", now.AnswerTo(other)!.Narrative);
        Assert.Contains(NoDetails, Assert.Single(s.SentTo(Chair, "Immediate safety concern")).AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASubmittedReturnStillSavesNothingButItsYesAlertsWithoutTheDetails()
    {
        var (s, safety, section) = await IssuedAsync();
        await using var _ = s;
        var old = (await s.ReturnOfAsync(1)).Version;
        await s.FillAndSubmitAsync(1, 0);

        var (card, before) = await SaveSafetyAsync(s, section, safety, "yes", "Bruising today. " + Phone, version: old);

        Assert.Contains(Sent, card, StringComparison.Ordinal);
        Assert.Contains(ReturnsScreen.SubmittedReturnUnchanged, card, StringComparison.Ordinal);
        Assert.Contains("The details you typed for question 6.1 were not sent with the alert", card, StringComparison.Ordinal);
        var now = await s.ReturnOfAsync(1);
        Assert.Equal(before.Version, now.Version);
        Assert.Equal(before.AnswerTo(safety.Id), now.AnswerTo(safety.Id));
        Assert.False(now.HasImmediateConcern);
        var alerted = Assert.Single(s.SentTo(Chair, "Immediate safety concern")).AllText;
        Assert.Contains(SafetyEscalation.NoDetailsOnSubmitted, alerted, StringComparison.Ordinal);
        Assert.DoesNotContain("07700", alerted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AYesOnAWarningTooLargeForOneCardIsSavedAndAlertsNotHeld()
    {
        var (s, ret, ids) = await LongSafetyPage.StartAsync();
        await using var _ = s;

        var result = await LongSafetyPage.SaveAsync(s, ret, Police, Phone);
        await s.Host.DrainOutboxAsync();

        var raw = result.Body!.Value.GetRawText();
        Assert.True(Encoding.UTF8.GetByteCount(raw) <= 28 * 1024, $"the answer is {Encoding.UTF8.GetByteCount(raw):N0} bytes");
        var card = CardOf(result).GetRawText();
        Assert.Contains("Your yes or no to immediate-safety question", card, StringComparison.Ordinal);
        Assert.Contains(ReturnsCard.FlaggedNotSaved, card, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing has been saved.", card, StringComparison.Ordinal);
        Assert.Contains(Sent, card, StringComparison.Ordinal);
        var now = await s.ReturnOfAsync(1);
        Assert.True(now.HasImmediateConcern);
        Assert.Equal(new QuestionAnswer(AnswerValue.Yes, null), now.AnswerTo(ids[5]));
        // Its details, with the phone number nobody confirmed, are kept for the author, not saved; its yes is not held.
        var held = now.HeldFor(ids[5]);
        Assert.NotNull(held);
        Assert.Null(held.Value);
        Assert.StartsWith("Sibling seen with a new bruise today.", held.Narrative, StringComparison.Ordinal);
        Assert.Contains(NoDetails, Assert.Single(s.SentTo(Chair, "Immediate safety concern")).AllText, StringComparison.Ordinal);
        Assert.Single(s.SentTo(Lead, "Immediate safety concern"));
        var logged = Assert.Single(await SectionLogAsync(s, ret));
        using var log = JsonDocument.Parse(logged);
        Assert.Contains(ids[5], log.RootElement.GetProperty("questions").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("Sibling", logged, StringComparison.Ordinal);

        // The page opened again shows the yes saved and the details kept.
        var step = ReturnSteps.Build(now).Single(x => !x.IsSummary && x.Section!.Id == now.Sections[^1].Id).Index;
        var page = ReturnSteps.Pages(now, now.Sections[^1]).ToList().FindIndex(p => p.Any(q => q.Id == ids[5]));
        var opened = CardOf(await s.AsRepAsync(Police, ReturnsScreen.OpenReturn, new ReturnRefData(s.AuditId, ret.Id, step, page)));
        Assert.Equal("yes", InputValue(opened, "a:" + ids[5]));
        Assert.Equal(held.Narrative, InputValue(opened, "n:" + ids[5]));
    }
    /// <summary>
    /// Every other question answered; on the closing section, long answers (each a page of its own) and yes to the sibling
    /// question, whose details hold a phone number: the yes is saved at once, its details are not, nor kept. The review lists
    /// those details first, before the learning and grade, so "Continue" on the overview leads to that question at the page it
    /// is on, not to the summary (the step before), and the page shows the yes with the details left to write; so does the
    /// review's button to the first thing missing.
    /// </summary>
    [Fact]
    public async Task ContinueLeadsToAYesWithoutItsDetailsAtItsPageBeforeTheLearningAndGrade()
    {
        var (s, ret, ids) = await LongSafetyPage.StartAsync();
        await using var _ = s;
        await s.AnswerEveryQuestionAsync(1, except: ret.Sections[^1].Id);
        var inputs = new Dictionary<string, string> { ["a:" + ids[0]] = "no", ["a:" + ids[5]] = "yes", ["n:" + ids[5]] = Phone };
        foreach (var i in new[] { 1, 2, 3, 4 })
        {
            inputs["a:" + ids[i]] = "partly";
            inputs["n:" + ids[i]] = $"Answer {i}. " + string.Concat(Enumerable.Repeat("\U0001F642", 1990));
        }

        ret = await s.ReturnOfAsync(1);
        var step = ReturnSteps.Build(ret).Single(x => !x.IsSummary && x.Section!.Id == ret.Sections[^1].Id).Index;
        var save = new SaveSectionData(s.AuditId, ret.Id, ret.Sections[^1].Id, step, 0, ret.Version, ReturnMoves.Stay)
        {
            Inputs = Typed(inputs),
        };
        CardOf(await s.AsRepAsync(Police, ReturnsScreen.SaveSection, save));
        await s.Host.DrainOutboxAsync();

        var now = await s.ReturnOfAsync(1);
        Assert.Equal(new QuestionAnswer(AnswerValue.Yes, null), now.AnswerTo(ids[5]));
        Assert.Empty(now.Held);
        Assert.StartsWith($"You answered yes to question {now.NumberOf(ids[5])}", now.MissingForSubmission()[0], StringComparison.Ordinal);
        var page = ReturnSteps.Pages(now, now.Sections[^1]).ToList().FindIndex(p => p.Any(q => q.Id == ids[5]));
        Assert.True(page > 0, "The sibling question is on the first page: this test would not tell the pages apart.");

        var overview = CardOf(await s.AsRepAsync(Police, ReturnsScreen.OpenReturn, new ReturnRefData(s.AuditId, ret.Id, -1)));
        var open = Read<ReturnRefData>(AllActions(overview).Single(a => a.GetProperty("title").GetString() == "Continue"));

        Assert.Equal((step, page), (open.Step, open.Page));
        var opened = CardOf(await s.AsRepAsync(Police, ReturnsScreen.OpenReturn, open));
        Assert.Equal("yes", InputValue(opened, "a:" + ids[5]));
        Assert.Contains("n:" + ids[5], InputIds(opened));
        Assert.Null(InputValue(opened, "n:" + ids[5]));

        // The review lists the details first, and its button to the first thing missing leads there too.
        var review = CardOf(await s.AsRepAsync(Police, ReturnsScreen.OpenReturn,
            new ReturnRefData(s.AuditId, ret.Id, ReturnSteps.Build(now).Count)));
        var go = AllActions(review).Single(a => a.GetProperty("title").GetString() == "Go to the first thing missing");
        Assert.Equal((step, page), (Read<ReturnRefData>(go).Step, Read<ReturnRefData>(go).Page));
    }
}
