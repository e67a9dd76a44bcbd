using System.Text.Json;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A representative's request to reopen a submitted return reaches the chair with a "Reopen a return" button that opens the
/// reopen form at the requesting agency's step (the form asks agency, then case): pressed, it lists that agency's submitted
/// returns by case, not another agency's, and not the agency choice. Two agencies have submitted returns here, so the form
/// would otherwise ask which agency. The decline form, shown again after a refused reason, carries the same button.
/// </summary>
public sealed class ReopenRequestOpensItsAgency
{
    private static readonly TestUser Police = Agencies[1].Rep;

    [Fact]
    public async Task TheRequestCardsReopenButtonOpensTheFormAtTheRequestingAgency()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(0, 0);
        await s.FillAndSubmitAsync(1, 0);
        await s.FillAndSubmitAsync(1, 2);
        var ret = await s.ReturnOfAsync(1, 2);

        AssertHasText(await s.AsRepAsync(Police, ReturnsScreen.AskReopen, new AskReopenData(s.AuditId, ret.Id, "Wrong grade chosen.")),
            "Your request has been sent to the chair.");
        await s.Host.DrainOutboxAsync();
        var request = Assert.Single(s.SentTo(Chair, $"Reopen request: case {Cases[2]}")).Cards.Single();

        var form = await PressReopenAsync(s, request);

        Assert.Contains("Agency: County Police", form.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("agencyId", InputIds(form));
        Assert.Equal([Cases[0], Cases[2]], CaseChoices(form));

        // A reason the chair must reword shows the decline form again, with the same way to the agency's returns.
        var decline = Read<DeclineReopenData>(FindAction(request, ReopenRequestsScreen.Decline)
            ?? throw new Xunit.Sdk.XunitException("No decline on the card.")) with { Reason = "NHS no 943 476 5919 on file." };
        var declineForm = CardOf(await s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), ReopenRequestsScreen.Decline,
            decline));
        Assert.Contains("may contain personal information", declineForm.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Agency: County Police", (await PressReopenAsync(s, declineForm)).GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>The chair presses the card's "Reopen a return", which must name the police's agency; the form it opens.</summary>
    private static async Task<JsonElement> PressReopenAsync(AuditScenario s, JsonElement card)
    {
        var button = FindAction(card, TrackerScreen.ReopenForm) ?? throw new Xunit.Sdk.XunitException("No Reopen a return button.");
        Assert.Equal("Reopen a return", button.GetProperty("title").GetString());
        var data = Read<ReopenFormData>(button);
        Assert.Equal((s.AuditId, "agency-2"), (data.AuditId, data.AgencyId));
        return CardOf(await s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), TrackerScreen.ReopenForm, data));
    }

    private static List<string> CaseChoices(JsonElement form)
    {
        static IEnumerable<JsonElement> All(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => new[] { e }.Concat(e.EnumerateObject().SelectMany(p => All(p.Value))),
            JsonValueKind.Array => e.EnumerateArray().SelectMany(All),
            _ => [],
        };

        var input = All(form).Single(e => e.TryGetProperty("id", out var id) && id.GetString() == "returnId");
        return input.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("title").GetString()!).ToList();
    }
}
