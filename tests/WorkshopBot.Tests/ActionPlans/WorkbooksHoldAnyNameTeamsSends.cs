using System.Net;
using DocumentFormat.OpenXml.Packaging;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// People's names come from Teams (the signed activity's <c>from.name</c>, the team's roster), not from text the bot
/// checks, and the door passes them as they are. A name holding a character XML cannot carry (a control character,
/// U+FFFE) once made the action plan's workbook fail with a 500 for the chair and the QA sub-group's tab alike, for as long
/// as the name stayed in the action's history. The workbook now leaves such characters out.
/// </summary>
public sealed class WorkbooksHoldAnyNameTeamsSends
{
    [Fact]
    public async Task ANameWithAControlCharacterStillDownloads()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 1,
            "Agree an information-sharing protocol", "County Police", PoliceLead.Id, "2026-05-30", "Notes shared in two days", null,
            null))), StringComparison.Ordinal);
        var action = Assert.Single(await s.ActionsAsync());
        var oddlyNamed = PoliceLead with { Name = "Police\u0007 Lead\uFFFE" };
        Assert.Contains("Status saved", Text(await s.InChatAsync(oddlyNamed, ProgressScreen.Update,
            new ProgressData(action.Id, "Amber", "Protocol drafted", null))), StringComparison.Ordinal);

        var export = await s.InChannelAsync(Chair, ExportScreen.Export, new PlanRefData(s.Audit.Id));
        var url = export.Card!.Value.GetProperty("actions")[0].GetProperty("url").GetString()!;
        using var file = await s.Host.Client.GetAsync(new Uri(url).PathAndQuery.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await file.Content.ReadAsByteArrayAsync()), false);
        var history = workbook.WorkbookPart!.Workbook.Descendants<X.Sheet>().Single(sheet => sheet.Name == "History");
        var rows = ((WorksheetPart)workbook.WorkbookPart.GetPartById(history.Id!)).Worksheet.Descendants<X.Row>()
            .Select(r => r.Elements<X.Cell>().Select(c => c.InnerText).ToList()).ToList();
        var progress = Assert.Single(rows, r => r.Contains("Protocol drafted"));
        Assert.Equal("Police Lead", progress[3]);
    }
}
