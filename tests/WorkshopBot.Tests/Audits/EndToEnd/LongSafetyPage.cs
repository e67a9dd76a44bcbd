using System.Text;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The closing section with four more questions and a second safety question last ("Is any sibling unsafe now?"): long
/// answers (emoji, which the card's JSON writes six bytes a character) with a phone number make the identifier warning too
/// large for one card, so answers that do not fit on it are kept for their author.
/// </summary>
internal static class LongSafetyPage
{
    public static async Task<(AuditScenario S, AuditReturn Ret, List<string> Ids)> StartAsync()
    {
        var s = await AuditScenario.StartAsync();
        await s.CreateAsync();
        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        var last = audit.Questions.Sections[^1];
        Assert.Contains(last.Questions, q => q.IsSafetyQuestion);
        for (var i = 0; i < 4; i++)
        {
            var add = new SaveQuestionData(s.AuditId, last.Id, null, $"Was the immediate response {i} timely and recorded?", null, null,
                "false");
            Assert.Contains("Question saved.", CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, add)).GetRawText());
        }

        var sibling = new SaveQuestionData(s.AuditId, last.Id, null, "Is any sibling unsafe now?", null, "", "true");
        Assert.Contains("Question saved.", CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, sibling)).GetRawText());
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        AssertHasText(await s.IssueAsync(), "Audit issued");
        await s.Host.DrainOutboxAsync();
        var ret = await s.ReturnOfAsync(1);
        var ids = ret.Sections[^1].Questions.Select(q => q.Id).ToList();
        Assert.Equal(6, ids.Count);
        Assert.True(ret.Sections[^1].Questions[^1].IsSafetyQuestion);
        return (s, ret, ids);
    }

    /// <summary>Saves the page: no to the first safety question, four long answers, yes to the sibling one, each with the phone.</summary>
    public static async Task<InvokeResult> SaveAsync(AuditScenario s, AuditReturn ret, TestUser rep, string phone)
    {
        var ids = ret.Sections[^1].Questions.Select(q => q.Id).ToList();
        var inputs = new Dictionary<string, string> { ["a:" + ids[0]] = "no" };
        for (var i = 1; i <= 4; i++)
        {
            inputs["a:" + ids[i]] = "partly";
            inputs["n:" + ids[i]] = Long(i, 4000, phone + " ");
        }

        inputs["a:" + ids[5]] = "yes";
        inputs["n:" + ids[5]] = "Sibling seen with a new bruise today. " + phone;
        var steps = ReturnSteps.Build(ret);
        var step = steps.Single(x => !x.IsSummary && x.Section!.Id == ret.Sections[^1].Id).Index;
        var save = new SaveSectionData(s.AuditId, ret.Id, ret.Sections[^1].Id, step, 0, ret.Version, ReturnMoves.Next)
        {
            Inputs = inputs.ToDictionary(i => i.Key, i => JsonSerializer.SerializeToElement(i.Value)),
        };
        return await s.AsRepAsync(rep, ReturnsScreen.SaveSection, save);
    }

    private static string Long(int i, int length, string lead)
    {
        var text = new StringBuilder($"{lead}Answer {i}. ");
        while (text.Length < length)
        {
            text.Append("\U0001F642");
        }

        var cut = text.ToString(0, length);
        return (char.IsHighSurrogate(cut[^1]) ? cut[..^1] : cut).Trim();
    }
}
