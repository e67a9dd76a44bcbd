using System.Text.Json;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A form sent back with what is missing or wrong says so in amber, as a refusal does: red (and bold) stays for a child
/// unsafe now and for a message that did not reach someone, so those stand out. Shown on the chair's hand-over form and on
/// the tracker's new due date; ValidationTones holds every other form to the same rule.
/// </summary>
public sealed class FormValidationIsAmber
{
    [Fact]
    public async Task TheHandOverFormAndTheTrackerSayWhatIsMissingInAmber()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var id = s.AuditId;

        var handover = CardOf(await s.ExecuteAsync(Chair, ChairScreen.Save,
            new ChairHandoverData(id, Chair.AadObjectId, Lead.Id, null)));
        AssertAmber(handover, "Choose why the chair is handed over. Nothing was changed.");

        var tracker = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, new ExtendDueData(id, null)));
        AssertAmber(tracker, "Choose the new due date.");
    }

    private static void AssertAmber(JsonElement card, string message)
    {
        var banner = Assert.Single(Containers(card), c => c.GetProperty("items").EnumerateArray()
            .Any(i => i.TryGetProperty("text", out var t) && t.GetString() == message));
        Assert.Equal("Warning", banner.GetProperty("style").GetString(), ignoreCase: true);
        var text = banner.GetProperty("items")[0];
        Assert.False(text.TryGetProperty("weight", out var weight) && string.Equals(weight.GetString(), "Bolder",
            StringComparison.OrdinalIgnoreCase), "A validation message is not bold.");
    }

    private static IEnumerable<JsonElement> Containers(JsonElement card) =>
        All(card).Where(e => e.TryGetProperty("type", out var type) && type.GetString() == "Container");

    private static IEnumerable<JsonElement> All(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new[] { e }.Concat(e.EnumerateObject().SelectMany(p => All(p.Value))),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(All),
        _ => [],
    };
}
