using System.Text.Json;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A partnership's team often holds guests from other organisations (a health trust's account invited into the council's
/// tenant) and two people of the same name. The agencies picker and the new chair's mark a guest "(guest)" and show the
/// domain of each namesake's email (never the whole address), so the chair can tell them apart; the value sent is still
/// the Teams id, and the person chosen is stored by their plain display name.
/// </summary>
public sealed class PickersTellPeopleApart
{
    private static readonly TestUser SamAtCouncil = BotTestHost.User("Sam Jones (council)");
    private static readonly TestUser SamAtTrust = BotTestHost.User("Sam Jones (trust)");
    private static readonly TestUser GuestGp = BotTestHost.User("Priya Shah");

    [Fact]
    public async Task GuestsAreMarkedAndNamesakesAreToldApartByTheirDomain()
    {
        await using var s = await StartAsync();
        s.Host.Connector.Roster.AddRange(
        [
            Member(SamAtCouncil, "Sam Jones", "user", "sam.jones@somerset.gov.uk", "sam.jones@somerset.gov.uk"),
            Member(SamAtTrust, "sam jones", "guest", null, "sam.jones@nhs.net"),
            Member(GuestGp, GuestGp.Name, "Guest", "priya.shah@nhs.net", "priya.shah_nhs.net#EXT#@somersetcouncil.onmicrosoft.com"),
        ]);
        await s.CreateAsync();
        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.AddAgency, new AddAgencyData(s.AuditId, "Police", "County Police")),
            "County Police added");

        var picker = CardOf(await s.ExecuteAsync(Chair, AgenciesScreen.AgencyPeople, new AgencyRefData(s.AuditId, "agency-1")));

        foreach (var input in new[] { "representative", "namedLead" })
        {
            var people = Choices(picker, input);
            Assert.Contains(("Sam Jones (somerset.gov.uk)", SamAtCouncil.Id), people);
            Assert.Contains(("sam jones (guest, nhs.net)", SamAtTrust.Id), people);
            Assert.Contains(("Priya Shah (guest)", GuestGp.Id), people);
            Assert.Contains((Lead.Name, Lead.Id), people);
        }

        Assert.DoesNotContain("@", picker.GetRawText(), StringComparison.Ordinal);
        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.AuditId, "agency-1", SamAtCouncil.Id, GuestGp.Id, null)), "County Police: people and cases saved.");
        var saved = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.Agencies.Single();
        Assert.Equal(SamAtCouncil.AadObjectId, saved.Representative!.UserId);
        Assert.Equal("Sam Jones", saved.Representative.DisplayName);
        Assert.Equal("Priya Shah", saved.NamedLead!.DisplayName);

        var handover = CardOf(await s.ExecuteAsync(Chair, ChairScreen.HandOver, new AuditRefData(s.AuditId)));
        var chairs = Choices(handover, "newChair");
        Assert.Contains(("sam jones (guest, nhs.net)", SamAtTrust.Id), chairs);
        Assert.Contains(("Priya Shah (guest)", GuestGp.Id), chairs);
    }

    private static TeamsChannelAccount Member(TestUser user, string name, string role, string? email, string upn) => new()
    {
        Id = user.Id, AadObjectId = user.AadObjectId, Name = name, TenantId = BotTestHost.TenantId, UserRole = role,
        Email = email, UserPrincipalName = upn,
    };

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
}
