using WorkshopBot.Common;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>A whole workshop as a partnership runs one, over /api/messages with signed activities.</summary>
public sealed class WorkshopEndToEnd
{
    [Fact]
    public async Task MertonStyleWorkshopRunsEndToEndInAChannel()
    {
        // The fake connector counts a write when it arrives, as Teams does; the bot spaces its writes by Teams' windows
        // plus a margin for the network (100 ms). Here the writes and the fake share a busy test machine, where a write
        // can reach the fake later than the one after it by more than that, so the margin is one second: the test still
        // proves that every write of a whole workshop is paced within Teams' limits, whatever the machine's load.
        await using var s = await WorkshopScenario.CreateAsync(o => o.Settings["Bot:Connector:RateLimitSafetyMargin"] = "00:00:01");
        await s.StartAsync();
        var reps = Enumerable.Range(1, 5).Select(WorkshopScenario.Representative).ToList();
        var ccg = BotTestHost.User("CCG Representative");
        foreach (var rep in reps)
        {
            await s.JoinAsync(rep);
        }

        await s.JoinAsync(ccg, JoinScreen.OtherAgency);

        var worked = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "3"));
        var improve = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove, Dots: "3", Anonymous: "true"));
        string[] strengths =
        [
            "Agencies acted promptly to safeguard the children.", "Collaborative working with the family, including the father.",
            "Enhanced offer of support to the family.", "Procedures followed, including routine enquiry for domestic abuse.",
        ];
        string[] improvements =
        [
            "Availability of senior managers out of hours.", "Quicker sharing of police interview notes and health records.",
            "Keep an open mind about disguised compliance.", "Assess and support foster carers.",
        ];
        for (var i = 0; i < strengths.Length; i++)
        {
            var strength = await s.AddIdeaAsync(reps[i], worked, strengths[i], agencyId: $"agency-{i + 1}");
            Assert.Contains("Idea added", WorkshopScenario.CardText(strength));
            var theme = i == 2 ? Themes.DisguisedCompliance : Themes.InformationSharing;
            Assert.Contains("Idea added", WorkshopScenario.CardText(await s.AddIdeaAsync(reps[i], improve, improvements[i], theme: theme)));
        }

        await s.PhaseAsync(worked, PhaseActions.Open);
        await s.PhaseAsync(improve, PhaseActions.Open);
        var everyone = reps.Append(ccg).ToList();
        foreach (var person in everyone)
        {
            await s.DotAsync(person, worked, "i1");
            await s.DotAsync(person, worked, person == ccg ? "i3" : "i2");
            await s.DotAsync(person, improve, "i2");
            await s.DotAsync(person, improve, "i1");
        }

        await s.PhaseAsync(worked, PhaseActions.Close);
        await s.PhaseAsync(improve, PhaseActions.Close);

        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));
        var gradeCard = WorkshopScenario.CardText(await s.ManageAsync(grade));
        Assert.Contains("Kingston Hospital", gradeCard);
        Assert.Contains("Requires improvement", gradeCard);
        await s.PhaseAsync(grade, PhaseActions.Open);
        foreach (var person in everyone)
        {
            await s.ChooseAsync(person, grade, person == reps[2] ? "requires-improvement" : "good");
        }

        var ratified = await s.RatifyAsync(grade, "good",
            "Prompt multi-agency action safeguarded the children; learning on information sharing.");
        Assert.Contains("Ratified: Good", WorkshopScenario.CardText(ratified));

        var export = WorkshopScenario.CardText(await s.ExportAsync());
        // The preview shows the file's text as typed: its header's underscores escaped so as not to read as emphasis (JSON-escaped here).
        Assert.Contains(WorkshopCsv.Header.Replace("_", "\\\\_", StringComparison.Ordinal), export);
        Assert.Contains("Agencies acted promptly", export);

        await s.Host.DrainOutboxAsync();
        var outcome = await s.OutcomeAsync();
        Assert.NotNull(outcome);
        var top = outcome.Ideas.Where(i => i.Board == IdeaBoardKind.WorkedWell).OrderBy(i => i.Rank).First();
        Assert.Equal(("Agencies acted promptly to safeguard the children.", 6, "Children's Social Care"),
            (top.Text, top.Dots, top.AgencyName));
        var topImprove = outcome.Ideas.Where(i => i.Board == IdeaBoardKind.CouldImprove).OrderBy(i => i.Rank).First();
        Assert.Equal(6, topImprove.Dots);
        var judgement = Assert.Single(outcome.Judgements);
        Assert.Equal((WorkshopScenario.Case.Value, "good", "Good", s.Chair.AadObjectId),
            (judgement.CaseReference, judgement.GradeKey, judgement.GradeLabel, judgement.RatifiedByUserId));
        Assert.Contains(s.UpdatesOf((await s.SessionAsync()).FindPoll(grade.Id)!),
            u => u.AllText.Contains("Ratified multi-agency grade", StringComparison.Ordinal));
        Assert.Equal(0, s.Host.Connector.ThrottledCount);
    }
}
