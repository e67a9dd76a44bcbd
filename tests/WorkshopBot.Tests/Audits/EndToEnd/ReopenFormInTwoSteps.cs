using System.Text.Json;
using WorkshopBot.Audits.Teams;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The tracker's reopen form asks for the agency first, then lists only that agency's submitted returns by case, so that it
/// stays within Teams' card size at the audit's limits (see AuditCardsRender); the chosen return is reopened as before.
/// </summary>
public sealed class ReopenFormInTwoSteps
{
    private static List<(string Title, string Value)> Choices(JsonElement card, string inputId)
    {
        static IEnumerable<JsonElement> All(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => new[] { e }.Concat(e.EnumerateObject().SelectMany(p => All(p.Value))),
            JsonValueKind.Array => e.EnumerateArray().SelectMany(All),
            _ => [],
        };

        var input = All(card).Single(e => e.TryGetProperty("id", out var id) && id.GetString() == inputId);
        return input.GetProperty("choices").EnumerateArray()
            .Select(c => (c.GetProperty("title").GetString()!, c.GetProperty("value").GetString()!)).ToList();
    }

    [Fact]
    public async Task TheChairChoosesTheAgencyThenTheCaseAndReopensIt()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(0, 0);
        await s.FillAndSubmitAsync(1, 0);
        await s.FillAndSubmitAsync(1, 2);

        var first = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.ReopenForm, new AuditRefData(s.AuditId)));
        Assert.DoesNotContain("returnId", InputIds(first));
        var agencies = Choices(first, "agencyId");
        Assert.Equal(["Children's Social Care (1 submitted return)", "County Police (2 submitted returns)"], agencies.Select(a => a.Title));

        var choose = FindAction(first, TrackerScreen.ReopenForm)!.Value.GetProperty("data");
        var second = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.ReopenForm,
            new { auditId = choose.GetProperty("auditId").GetGuid(), agencyId = agencies[1].Value }));
        var cases = Choices(second, "returnId");
        Assert.Equal([Cases[0], Cases[2]], cases.Select(c => c.Title));
        Assert.Contains("Agency: County Police", second.GetRawText(), StringComparison.Ordinal);

        var reopened = await s.ExecuteAsync(Chair, TrackerScreen.Reopen, new ReopenData(s.AuditId, cases[1].Value, "Grade to check."));
        AssertHasText(reopened, $"Return reopened (County Police, case {Cases[2]})");
    }
}
