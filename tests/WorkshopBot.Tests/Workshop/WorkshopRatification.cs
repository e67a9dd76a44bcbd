using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;
using static WorkshopBot.Tests.Workshop.WorkshopScenario;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// The chair ratifies a case's multi-agency grade beside the single-agency grades of submitted returns; the poll's card
/// shows the grade as last ratified.
/// </summary>
public sealed class WorkshopRatification
{
    [Fact]
    public async Task ReRatifyingAGradeUpdatesTheChannelCardToTheNewGrade()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));
        await s.PhaseAsync(grade, PhaseActions.Open);
        await s.RatifyAsync(grade, "good", "Prompt multi-agency action.");
        await s.Host.DrainOutboxAsync();

        // The chair corrects the grade: the card everyone sees must say so, not keep the first grade.
        var corrected = await s.RatifyAsync(grade, "requires-improvement", "On reflection information sharing was slow.");
        Assert.Contains("Ratified: Requires improvement", WorkshopScenario.CardText(corrected));
        await s.Host.DrainOutboxAsync();

        var last = s.UpdatesOf((await s.SessionAsync()).FindPoll(grade.Id)!)[^1];
        Assert.Contains("Ratified multi-agency grade: **Requires improvement**", last.AllText);
    }

    /// <summary>A draft (or reopened) return's grade is not for the workshop.</summary>
    [Fact]
    public async Task AReopenedReturnsGradeIsNotShownForRatification()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        var kingston = s.Audit.Agencies.Single(a => a.Name == "Kingston Hospital");
        await s.Host.WorkAsync(async services =>
        {
            var store = services.GetRequiredService<AuditStore>();
            var reopened = (await store.ListReturnsAsync(s.Audit.Id, default)).Single(r => r.Value.AgencyId == kingston.Id);
            Assert.True(await store.ChangeReturnAsync(reopened.Value.Id,
                r => r.Reopen(s.Audit, s.Audit.Chair, "Grade to be reconsidered.", DateTimeOffset.UtcNow), default) is { Saved: true });
        });
        await s.StartAsync();

        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));
        var card = WorkshopScenario.CardText(await s.ManageAsync(grade));

        Assert.Contains("Children's Social Care", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Kingston Hospital", card, StringComparison.Ordinal);
    }

    /// <summary>
    /// Need to know: until the chair releases the returns each agency sees only its own, so a grade poll made before the
    /// release shows no agency's grade (on the channel card, a ballot or the chair's controls), only a line saying when
    /// they show; once released they show, and a return reopened since drops out at the chair's next action.
    /// </summary>
    [Fact]
    public async Task SingleAgencyGradesShowOnlyOnceTheChairReleasesTheReturns()
    {
        await using var s = await CreateAsync(releaseReturns: false);
        await s.StartAsync();
        var rep = Representative(2);
        await s.JoinAsync(rep);
        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: Case.Value));
        await s.PhaseAsync(grade, PhaseActions.Open);
        await s.Host.DrainOutboxAsync();

        var before = new[]
        {
            CardText(await s.ViewAsync(rep, grade)),
            CardText(await s.ManageAsync(grade)),
            s.UpdatesOf((await s.SessionAsync()).FindPoll(grade.Id)!)[^1].AllText,
            string.Join("\n", s.Host.Sent(s.Channel.Id).Select(a => a.AllText)),
        };
        Assert.All(before, text =>
        {
            Assert.DoesNotContain("Kingston Hospital", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Children's Social Care", text, StringComparison.Ordinal);
        });
        Assert.Contains(WorkshopCardKit.GradesNotReleased, before[0], StringComparison.Ordinal);
        Assert.Contains(WorkshopCardKit.GradesNotReleased, before[2], StringComparison.Ordinal);

        await s.ReleaseReturnsAsync();
        Assert.Contains("Kingston Hospital", CardText(await s.ManageAsync(grade)), StringComparison.Ordinal);
        Assert.Contains("Kingston Hospital", CardText(await s.ViewAsync(rep, grade)), StringComparison.Ordinal);
        var posted = (await s.SessionAsync()).FindPoll(grade.Id)!;
        await WaitForAsync(() => s.UpdatesOf(posted).Any(u => u.AllText.Contains("Kingston Hospital", StringComparison.Ordinal)));
        Assert.Contains("Kingston Hospital", s.UpdatesOf(posted)[^1].AllText, StringComparison.Ordinal);

        var kingston = s.Audit.Agencies.Single(a => a.Name == "Kingston Hospital");
        await s.Host.WorkAsync(async services =>
        {
            var store = services.GetRequiredService<AuditStore>();
            var reopened = (await store.ListReturnsAsync(s.Audit.Id, default)).Single(r => r.Value.AgencyId == kingston.Id);
            Assert.True(await store.ChangeReturnAsync(reopened.Value.Id,
                r => r.Reopen(s.Audit, s.Audit.Chair, "Grade to be reconsidered.", DateTimeOffset.UtcNow), default) is { Saved: true });
        });
        var closed = CardText(await s.PhaseAsync(grade, PhaseActions.Close));
        Assert.DoesNotContain("Kingston Hospital", closed, StringComparison.Ordinal);
        Assert.Contains("Children's Social Care", closed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARationaleThatLooksIdentifyingIsRefusedAndNothingIsRatified()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));

        var refused = await s.RatifyAsync(grade, "good", "The mother (phone 07700 900123) engaged well.");

        Assert.Contains("The rationale looks like it contains personal information", WorkshopScenario.CardText(refused));
        Assert.Empty((await s.SessionAsync()).Judgements);
    }

    /// <summary>
    /// A rationale over the limit is refused for its length before it is checked for personal information (a long one took
    /// seconds to scan): the length refusal, not the identifier warning; nothing is ratified or logged.
    /// </summary>
    [Fact]
    public async Task AnOverLongRationaleIsRefusedForItsLengthBeforeTheIdentifierCheck()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));
        const string Identifying = "The mother (phone 07700 900123) engaged well.";
        var rationale = string.Join(" ", Enumerable.Repeat(Identifying, (WorkshopSession.MaxRationaleLength / Identifying.Length) + 2));

        var refused = WorkshopScenario.CardText(await s.RatifyAsync(grade, "good", rationale));

        Assert.Contains("The rationale is ", refused, StringComparison.Ordinal);
        Assert.Contains("the limit is 2,000. Please shorten it by", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("07700", refused, StringComparison.Ordinal);
        Assert.Empty((await s.SessionAsync()).Judgements);
        Assert.DoesNotContain(await s.LogAsync("workshop-poll", grade.Id), e => e.Action == "workshop.ratify");
    }
}
