using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The representative changes the answer behind an immediate-safety alert after raising it: to no and back to yes (one
/// alert, never cancelled silently, marked withdrawn and still re-sent in between, then carrying the concern again; see
/// SafetyAlertWithdrawal for the re-send clock and a change after acknowledgement), or a long concern edited
/// beyond the part the alert shows (the chair is told of the change; the representative is never told the alert failed).
/// </summary>
public sealed class SafetyAlertAnswerChanged
{
    private const string Failed = "the alert could not be sent";

    private static TestUser Police => Agencies[1].Rep;

    [Fact]
    public async Task YesThenNoThenYesKeepsOneAlertMarkedWithdrawnInBetweenUntilItIsAcknowledged()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();

        var raised = await SaveSafetyAsync(s, ("yes", "Bruising seen at a recent contact; referral made today."));
        await s.Host.DrainOutboxAsync();
        var alert = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));

        s.Time.Advance(TimeSpan.FromMinutes(10));
        var withdrawn = await SaveSafetyAsync(s, ("no", "Checked again: the bruise was explained and seen by the GP."));
        await s.Host.DrainOutboxAsync();
        var marked = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        Assert.True(marked.IsWithdrawn);
        Assert.False(marked.IsAcknowledged);
        Assert.Contains("You changed your answer to no", withdrawn, StringComparison.Ordinal);
        Assert.DoesNotContain(Failed, withdrawn, StringComparison.Ordinal);
        var told = Assert.Single(s.SentTo(Chair, "changed their answer to no at 2 March 2026 at"));
        Assert.Contains("Withdrawn by the representative at", told.AllText, StringComparison.Ordinal);
        Assert.Single(s.SentTo(Lead, "changed their answer to no"));

        // Re-sent while nobody acknowledges it, still marked withdrawn.
        Assert.Contains("with its reminders, until it is acknowledged", told.AllText, StringComparison.Ordinal);
        s.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).AlertsResent);
        await s.Host.DrainOutboxAsync();
        var reminder = s.SentTo(Chair, "reminder: not yet acknowledged").Last();
        Assert.Contains("Withdrawn by the representative at", reminder.AllText, StringComparison.Ordinal);

        var again = await SaveSafetyAsync(s, ("yes", "Further bruising seen today; a new referral has been made."));
        await s.Host.DrainOutboxAsync();
        var one = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        Assert.Equal(alert.Id, one.Id);
        Assert.False(one.IsWithdrawn);
        Assert.Equal("Further bruising seen today; a new referral has been made.", one.Details);
        Assert.Contains("sent to the chair", again, StringComparison.Ordinal);
        var update = Assert.Single(s.SentTo(Chair, "answered yes again"));
        Assert.Contains("Further bruising seen today", update.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("Withdrawn by the representative", update.AllText, StringComparison.Ordinal);
        Assert.Contains("sent to the chair", raised, StringComparison.Ordinal);

        AssertHasText(await s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(one.Id)), "Acknowledged by Quality Chair");
        var sentBefore = s.SentTo(Chair, "Immediate safety concern").Count;
        s.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).AlertsResent);
        await s.Host.DrainOutboxAsync();
        Assert.Equal(sentBefore, s.SentTo(Chair, "Immediate safety concern").Count);

        var log = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, one.Id.ToString("D"));
        Assert.Equal(["safety.raised", "safety.withdrawn", "safety.resent", "safety.reraised", "safety.acknowledged",
            "safety.delivery-checked"], log.Select(e => e.Action));
    }

    [Fact]
    public async Task ALongConcernEditedBeyondTheCutIsSentToTheChairAsAChangeNotReportedAsAFailure()
    {
        await using var s = await StartAsync();
        await s.CreateAsync();
        var sibling = new QuestionDraft("Is a sibling unsafe now?", IsSafetyQuestion: true);
        Assert.True(await s.Host.WorkAsync(async services => (await services.GetRequiredService<AuditStore>()
            .ChangeAuditAsync(s.AuditId, a => a.AddQuestion(a.Questions.Sections[^1].Id, sibling), default)).Saved));
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        AssertHasText(await s.IssueAsync(), "Audit issued");
        await s.Host.DrainOutboxAsync();
        var sentence = "Bruising seen at a recent contact; referral made. ";
        var first = string.Concat(Enumerable.Repeat(sentence, 2500 / sentence.Length));
        var second = string.Concat(Enumerable.Repeat(sentence, 2500 / sentence.Length));

        var raised = await SaveSafetyAsync(s, ("yes", first), ("yes", second));
        await s.Host.DrainOutboxAsync();
        var alert = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        Assert.EndsWith(SafetyEscalation.MoreInTheReturn, alert.Details, StringComparison.Ordinal);
        Assert.Contains("sent to the chair", raised, StringComparison.Ordinal);
        var toldBefore = s.SentTo(Chair, "added to or changed the details").Count;

        var edited = await SaveSafetyAsync(s, ("yes", first), ("yes", second + "The child has since been moved to a relative."));
        await s.Host.DrainOutboxAsync();

        Assert.DoesNotContain(Failed, edited, StringComparison.Ordinal);
        Assert.Contains("sent to the chair", edited, StringComparison.Ordinal);
        var told = s.SentTo(Chair, "added to or changed the details");
        Assert.Equal(toldBefore + 1, told.Count);
        Assert.Contains("the change may be further on, in the return", told[^1].AllText, StringComparison.Ordinal);
        Assert.Contains("(more in the return)", told[^1].AllText, StringComparison.Ordinal);
        var updated = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        Assert.Equal(alert.DetailsUpdates + 1, updated.DetailsUpdates);
        Assert.NotEqual(alert.DetailsFingerprint, updated.DetailsFingerprint);
    }

    /// <summary>
    /// Saves the answers to the return's safety questions (in question order), each section through its card, and returns
    /// the text of the last card the representative was shown.
    /// </summary>
    internal static async Task<string> SaveSafetyAsync(AuditScenario s, params (string Answer, string Narrative)[] answers)
    {
        var text = string.Empty;
        var safety = (await s.ReturnOfAsync(1)).AllQuestions.Where(q => q.IsSafetyQuestion).Zip(answers).ToList();
        foreach (var (question, (answer, narrative)) in safety)
        {
            var ret = await s.ReturnOfAsync(1);
            var section = ret.Sections.Single(x => x.Questions.Any(q => q.Id == question.Id));
            var save = new SaveSectionData(s.AuditId, ret.Id, section.Id, -1, 0, ret.Version, ReturnMoves.Stay)
            {
                Inputs = new Dictionary<string, JsonElement>
                {
                    ["a:" + question.Id] = JsonSerializer.SerializeToElement(answer),
                    ["n:" + question.Id] = JsonSerializer.SerializeToElement(narrative),
                },
            };
            var result = await s.AsRepAsync(Police, ReturnsScreen.SaveSection, save);
            Assert.Equal(ret.Version + 1, (await s.ReturnOfAsync(1)).Version);
            text = CardOf(result).GetRawText();
        }

        return text;
    }
}
