using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Operations;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// Identifiers as a hurried representative types them into a return ("Tom (4)", "Baby of Kaur", "DOB 03032024",
/// "12 Acacia Avenue") draw the warning in the real bot, the return is not changed, and no table holds them afterwards:
/// not the return, not the stored answers, not the outbox, not the audit log.
/// </summary>
public sealed class HurriedIdentifiersAreNotKept
{
    [Fact]
    public async Task AReturnsNarrativeAndSummaryRefuseThemAndKeepNothing()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var rep = Agencies[0].Rep;
        var ret = await s.ReturnOfAsync(0);
        var question = ret.Sections[0].Questions[0].Id;

        var section = CardOf(await s.AsRepAsync(rep, ReturnsScreen.SaveSection, s.SaveFirstSection(ret, ReturnMoves.Stay,
            new Dictionary<string, string> { ["a:" + question] = "yes", ["n:" + question] = "Tom (4) was seen by the GP alone." })))
            .GetRawText();
        var summary = CardOf(await s.AsRepAsync(rep, ReturnsScreen.SaveSummary, new SaveSummaryData(s.AuditId, ret.Id, 0,
            ret.Version, ReturnMoves.Next, "Baby of Kaur was seen within the hour.", "The discharge letter gave DOB 03032024.",
            "Visit 12 Acacia Avenue again.", "good"))).GetRawText();
        await s.Host.DrainOutboxAsync();

        Assert.Contains("This looks like a person's name (Tom)", section, StringComparison.Ordinal);
        Assert.Contains("This looks like a person's name (Kaur)", summary, StringComparison.Ordinal);
        Assert.Contains("03032024", summary, StringComparison.Ordinal);
        Assert.Contains("This looks like a street address (12 Acacia Avenue)", summary, StringComparison.Ordinal);
        Assert.Equal(ret.Version, (await s.ReturnOfAsync(0)).Version);
        var stored = await RetentionLeavesNoText.StoredTextAsync(s.Host);
        Assert.DoesNotContain("Tom (4)", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Baby of Kaur", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("03032024", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Acacia", stored, StringComparison.Ordinal);
    }
}
