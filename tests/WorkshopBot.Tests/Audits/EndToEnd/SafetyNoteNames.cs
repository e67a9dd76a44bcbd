using WorkshopBot.Audits.Domain;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The note that tells a representative where their immediate-safety alert went names the named lead as Teams names them:
/// a name holding Markdown (asterisks, a link) is shown as typed, never drawn as bold text or a link on the card.
/// </summary>
public sealed class SafetyNoteNames
{
    private const string MarkedUpName = "Police *Lead* [site](https://x.example)";

    [Fact]
    public async Task TheNamedLeadsNameIsShownAsTyped()
    {
        await using var s = await StartAsync();
        var roster = s.Host.Connector.Roster;
        var lead = roster.FindIndex(m => m.Id == Lead.Id);
        roster[lead] = roster[lead] with { Name = MarkedUpName };
        await s.SetUpIssuedAsync();
        var draft = await s.ReturnOfAsync(1);
        var safety = draft.AllQuestions.Single(q => q.IsSafetyQuestion).Id;

        var card = await SafetyYesOnASubmittedReturn.SaveSafetyPageAsync(s, Agencies[1].Rep, draft,
            new() { ["a:" + safety] = "yes", ["n:" + safety] = "Bruising seen at a recent contact." });

        Assert.True((await s.ReturnOfAsync(1)).HasImmediateConcern);
        Assert.Contains(@"sent to the chair and Police \\*Lead\\* \\[site\\](https://x.example)", card, StringComparison.Ordinal);
        Assert.DoesNotContain("[site](", card, StringComparison.Ordinal);
    }
}
