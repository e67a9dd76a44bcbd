using WorkshopBot.Audits.Teams;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>The representative's steps are numbered as the tool's sections are, so a section and its questions agree.</summary>
public sealed class ReturnStepNumbering
{
    [Fact]
    public async Task TheImmediateSafetyStepIsTheLastSectionAndNumbersItsQuestionTheSame()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var ret = await s.ReturnOfAsync(0, 0);
        var sections = ret.Sections.Count;

        var steps = ReturnSteps.Build(ret);
        var safety = CardOf(await s.AsRepAsync(Agencies[0].Rep, ReturnsScreen.OpenReturn,
            new ReturnRefData(s.AuditId, ret.Id, steps.Count - 1))).GetRawText();
        var summary = CardOf(await s.AsRepAsync(Agencies[0].Rep, ReturnsScreen.OpenReturn,
            new ReturnRefData(s.AuditId, ret.Id, steps.Count - 2))).GetRawText();
        var first = CardOf(await s.AsRepAsync(Agencies[0].Rep, ReturnsScreen.OpenReturn,
            new ReturnRefData(s.AuditId, ret.Id, 0))).GetRawText();

        Assert.Contains($"Section {sections} of {sections}", safety, StringComparison.Ordinal);
        Assert.Contains($"{sections}.1 Is any child unsafe now", safety, StringComparison.Ordinal);
        Assert.Contains("Before the last section: Immediate safety", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(" of " + steps.Count, summary, StringComparison.Ordinal);
        Assert.Contains($"Section 1 of {sections}", first, StringComparison.Ordinal);
        Assert.Contains("1.1 ", first, StringComparison.Ordinal);
    }
}
