using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A question or section title over its limit is refused for its length before it is checked for personal information (a
/// long text took seconds to scan, and a warning listing every finding in it could not fit on a card): the length refusal
/// every free-text input gives, not the identifier warning, and nothing is stored or logged.
/// </summary>
public sealed class ChairTextLengthBeforeIdentifiers
{
    private const string Identifying = "Was the mother (phone 07700 900123) seen at home?";

    [Fact]
    public async Task AnOverLongQuestionIsRefusedForItsLength()
    {
        await using var s = await StartAsync();
        var auditId = await s.CreateAsync();
        var before = (await s.Store.GetAuditAsync(auditId, default))!;
        var section = before.Value.Questions.Sections[0].Id;

        var answer = CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion,
            new SaveQuestionData(auditId, section, null, OverLong(Question.MaxTextLength), null, "", "false"))).GetRawText();

        Assert.Contains("The question is ", answer, StringComparison.Ordinal);
        Assert.Contains("the limit is 500. Please shorten it by", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", answer, StringComparison.Ordinal);
        await AssertUnchangedAsync(s, auditId, before.Version);
    }

    [Fact]
    public async Task AnOverLongSectionTitleIsRefusedForItsLength()
    {
        await using var s = await StartAsync();
        var auditId = await s.CreateAsync();
        var before = (await s.Store.GetAuditAsync(auditId, default))!;

        var answer = CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.AddSection,
            new AddSectionData(auditId, OverLong(QuestionSet.MaxSectionTitleLength)))).GetRawText();

        Assert.Contains("The section title is ", answer, StringComparison.Ordinal);
        Assert.Contains("the limit is 150. Please shorten it by", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", answer, StringComparison.Ordinal);
        await AssertUnchangedAsync(s, auditId, before.Version);
    }

    /// <summary>
    /// A hand-made press carrying a chair's text of 200,000 characters (as large as a press may be): the form shown again with
    /// the refusal holds no more of it than its input allows, so the answer stays small.
    /// </summary>
    [Fact]
    public async Task AnOverLongChairsTextIsNotEchoedBackWhole()
    {
        await using var s = await StartAsync();
        var auditId = await s.CreateAsync();
        var section = (await s.Store.GetAuditAsync(auditId, default))!.Value.Questions.Sections[0].Id;
        var huge = OverLong(200_000);

        string[] answers =
        [
            CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion,
                new SaveQuestionData(auditId, section, null, huge, null, "", "false"))).GetRawText(),
            CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion,
                new SaveQuestionData(auditId, section, null, "Was the child seen alone?", huge, "", "false"))).GetRawText(),
            CardOf(await s.ExecuteAsync(Chair, DetailsScreen.Save, new AuditDetailsData(auditId, Title: huge))).GetRawText(),
            CardOf(await s.ExecuteAsync(Chair, DetailsScreen.Save, new AuditDetailsData(auditId, Theme: huge))).GetRawText(),
            CardOf(await s.ExecuteAsync(Chair, DetailsScreen.Save, new AuditDetailsData(auditId, DpiaReference: huge))).GetRawText(),
            CardOf(await s.ExecuteAsync(Chair, CasesScreen.AddCase, new AddCaseData(auditId, huge, "1-4"))).GetRawText(),
        ];

        Assert.All(answers, answer =>
        {
            Assert.True(answer.Length < 16 * 1024, $"An answer of {answer.Length:N0} characters.");
            Assert.DoesNotContain(OverLong(4_000), answer, StringComparison.Ordinal);
        });
    }

    private static string OverLong(int limit) => string.Join(" ", Enumerable.Repeat(Identifying, (limit / Identifying.Length) + 2));

    private static async Task AssertUnchangedAsync(AuditScenario s, Guid auditId, long version)
    {
        Assert.Equal(version, (await s.Store.GetAuditAsync(auditId, default))!.Version);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, auditId.ToString("D"));
        Assert.DoesNotContain(events, e => e.Action.StartsWith("audit.question", StringComparison.Ordinal)
            || e.Action == "audit.section.added");
    }
}
