using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A section's pages are cut by the length of its answers: three long narratives fill the first page of section 1 and its
/// fourth question is on a second. Shortening one of them and pressing "Save and continue" brings the fourth question onto
/// the first page; the walk-through still shows it next rather than jumping to section 2.
/// </summary>
public sealed class ShorterAnswerMovesOn
{
    private static TestUser Rep => Agencies[0].Rep;

    [Fact]
    public async Task SaveAndContinueAfterShorteningALongAnswerShowsTheQuestionsThatFollowIt()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var ret = await s.ReturnOfAsync(0);
        var ids = ret.Sections[0].Questions.Select(q => q.Id).ToList();
        Assert.Equal(4, ids.Count);
        var typed = new Dictionary<string, string>();
        for (var i = 0; i < 3; i++)
        {
            typed["a:" + ids[i]] = "yes";
            typed["n:" + ids[i]] = $"Long answer {i}. " + new string('r', 3980);
        }

        CardOf(await s.AsRepAsync(Rep, ReturnsScreen.SaveSection, s.SaveFirstSection(ret, ReturnMoves.Stay, typed)));
        ret = await s.ReturnOfAsync(0);
        Assert.Equal(2, ReturnSteps.Build(ret)[0].PageCount);
        var page = CardOf(await s.AsRepAsync(Rep, ReturnsScreen.OpenReturn, new ReturnRefData(s.AuditId, ret.Id, 0, 0)));
        Assert.DoesNotContain("a:" + ids[3], InputIds(page));

        typed["n:" + ids[0]] = "Shortened: the response was timely.";
        var next = CardOf(await s.AsRepAsync(Rep, ReturnsScreen.SaveSection, s.SaveFirstSection(ret, ReturnMoves.Next, typed)));

        Assert.Contains("a:" + ids[3], InputIds(next));
        Assert.Equal(ret.Sections[0].Id, Read<SaveSectionData>(FindAction(next, ReturnsScreen.SaveSection)!.Value).SectionId);
    }
}
