using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Operations;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Teams;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// An NHS number, a postcode or a labelled date of birth cannot be kept by confirming it: the verb posted over HTTP with
/// the confirmation set on its data (as a forged or stale card would send it) is answered with the polite card, which
/// says what cannot be kept and offers no confirmation, and nothing is stored anywhere, in a return, a section title, an
/// idea, an action and its progress note. The host checks on disposal that the audit log holds none of the text.
/// </summary>
public sealed class ForgedConfirmationsAreRefused
{
    private const string Nhs = "943 476 5919";
    private const string Postcode = "SW1A 2AA";

    [Fact]
    public async Task AReturnKeepsNoNhsNumberOrDateOfBirthEvenConfirmed()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var rep = Agencies[0].Rep;
        var ret = await s.ReturnOfAsync(0);
        var question = ret.Sections[0].Questions[0].Id;

        var section = CardOf(await s.AsRepAsync(rep, ReturnsScreen.SaveSection, s.SaveFirstSection(ret, ReturnMoves.Next,
            new Dictionary<string, string> { ["a:" + question] = "yes", ["n:" + question] = $"GP records under NHS {Nhs} were seen." })
            with { ConfirmNotIdentifying = true })).GetRawText();
        var summary = CardOf(await s.AsRepAsync(rep, ReturnsScreen.SaveSummary, new SaveSummaryData(s.AuditId, ret.Id, 0,
            ret.Version, ReturnMoves.Next, "The discharge letter gave DOB 12/03/2019 correctly.", null, null, "good",
            ConfirmNotIdentifying: true))).GetRawText();
        await s.Host.DrainOutboxAsync();

        Assert.Contains("An NHS number cannot be kept, even if you confirm.", section, StringComparison.Ordinal);
        Assert.Contains("A date of birth cannot be kept, even if you confirm.", summary, StringComparison.Ordinal);
        Assert.All(new[] { section, summary }, card =>
        {
            Assert.Contains("Nothing has been saved.", card, StringComparison.Ordinal);
            Assert.DoesNotContain("It is not identifying: confirm", card, StringComparison.Ordinal);
            Assert.DoesNotContain("confirmNotIdentifying", card, StringComparison.Ordinal);
        });
        Assert.Equal(ret.Version, (await s.ReturnOfAsync(0)).Version);
        var stored = await RetentionLeavesNoText.StoredTextAsync(s.Host);
        Assert.DoesNotContain(Nhs, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("12/03/2019", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReturnStillKeepsAConfirmedPhoneNumber()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var ret = await s.ReturnOfAsync(0);
        var question = ret.Sections[0].Questions[0].Id;
        var data = s.SaveFirstSection(ret, ReturnMoves.Stay,
            new Dictionary<string, string> { ["a:" + question] = "yes", ["n:" + question] = "Mother rang from 07700 900123 later." });

        var warned = CardOf(await s.AsRepAsync(Agencies[0].Rep, ReturnsScreen.SaveSection, data)).GetRawText();
        CardOf(await s.AsRepAsync(Agencies[0].Rep, ReturnsScreen.SaveSection, data with { ConfirmNotIdentifying = true }));

        Assert.Contains("It is not identifying: confirm", warned, StringComparison.Ordinal);
        Assert.Equal(ret.Version + 1, (await s.ReturnOfAsync(0)).Version);
    }

    [Fact]
    public async Task ASectionTitleKeepsNoPostcodeEvenConfirmed()
    {
        await using var s = await StartAsync();
        var auditId = await s.CreateAsync();

        var card = CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.AddSection,
            new AddSectionData(auditId, $"Visits to {Postcode}", ConfirmNotIdentifying: true))).GetRawText();

        Assert.Contains("A postcode cannot be kept, even if you confirm.", card, StringComparison.Ordinal);
        Assert.Contains("Nothing was added.", card, StringComparison.Ordinal);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, auditId.ToString("D"));
        Assert.DoesNotContain(events, e => e.Action == "audit.section.added");
        Assert.DoesNotContain(Postcode, await RetentionLeavesNoText.StoredTextAsync(s.Host), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIdeaKeepsNoNhsNumberEvenConfirmed()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));

        var card = WorkshopScenario.CardText(await s.AddIdeaAsync(rep, board, $"The GP checked NHS {Nhs} the same day.", confirm: true));

        Assert.Contains("Check before adding", card, StringComparison.Ordinal);
        Assert.Contains("An NHS number cannot be kept, even if you confirm.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("It does not identify anyone: add it", card, StringComparison.Ordinal);
        Assert.Empty((await s.SessionAsync()).FindPoll(board.Id)!.Items);
        Assert.DoesNotContain(Nhs, await RetentionLeavesNoText.StoredTextAsync(s.Host), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActionAndItsProgressNoteKeepNoNhsNumberOrPostcodeEvenWithTheToggleOn()
    {
        await using var s = await ActionScenario.StartAsync();
        var recommendation = s.RecommendationNumber(partnership: true, "partnership");
        var create = new CreateActionData(s.Audit.Id, recommendation, "Agree a joint protocol for interview notes", "County Police",
            ActionScenario.PoliceLead.Id, "2026-05-30", "Notes reach health within two working days", "information-sharing", null);
        Assert.Contains("A1 created", ActionScenario.Text(await s.InChannelAsync(ActionScenario.Chair,
            WorkshopBot.ActionPlans.Teams.CreateScreen.Create, create)), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        var forged = ActionScenario.Text(await s.InChannelAsync(ActionScenario.Chair, WorkshopBot.ActionPlans.Teams.CreateScreen.Create,
            create with { What = $"Ask the GP about NHS {Nhs}", Confirm = "true" }));
        Assert.Contains("An NHS number cannot be kept, even if you confirm.", forged, StringComparison.Ordinal);
        Assert.Single(await s.ActionsAsync());

        var card = ActionScenario.Text(await s.InChatAsync(ActionScenario.PoliceLead, ProgressScreen.Update,
            new ProgressData(a1.Id, "Amber", $"Home visit done at {Postcode} with the family", "true")));

        Assert.Contains("A postcode cannot be kept, even if you confirm.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("It does not identify anyone: save it as it is", card, StringComparison.Ordinal);
        Assert.Empty(Assert.Single(await s.ActionsAsync()).Updates);
        Assert.DoesNotContain(Postcode, await RetentionLeavesNoText.StoredTextAsync(s.Host), StringComparison.Ordinal);
    }
}
