using System.Text.Json;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The action lead picker (New action, and Reassign on Change) offers only people who could act on the action, and tells
/// them apart: a member Teams lists with no directory (Entra) object id is left out and refused on a hand-made press; a
/// guest is marked "(guest)"; two people of the same name show their email's domain, never the whole address. The value
/// sent is still the Teams id, and the lead is stored by their plain display name.
/// </summary>
public sealed class LeadPickerOffersOnlyPeopleWhoCanAct
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";
    private const string VisitorId = "29:visitor-without-directory-account";
    private static readonly TestUser SamAtCouncil = BotTestHost.User("Sam Jones (council)");
    private static readonly TestUser SamAtTrust = BotTestHost.User("Sam Jones (trust)");
    private static readonly TestUser GuestGp = BotTestHost.User("Priya Shah");

    [Fact]
    public async Task ALeadWithoutADirectoryAccountIsNotOfferedAndIsRefused()
    {
        await using var s = await StartAsync();
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = VisitorId, AadObjectId = null, Name = "Quentin Visitor-Account", TenantId = BotTestHost.TenantId,
        });
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        var form = Text(await s.InChannelAsync(Chair, CreateScreen.Form, new CreateFormData(s.Audit.Id, 0)));

        var refused = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", VisitorId, "2026-05-30", Measure, null, null)));
        await s.Host.DrainOutboxAsync();

        Assert.Contains(PoliceLead.Name, form, StringComparison.Ordinal);
        Assert.DoesNotContain("Quentin Visitor-Account", form, StringComparison.Ordinal);
        Assert.DoesNotContain(VisitorId, form, StringComparison.Ordinal);
        Assert.Contains("Teams gives no organisation account for the lead you chose", refused, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Quentin Visitor-Account", refused, StringComparison.Ordinal);
        Assert.Empty(await s.ActionsAsync());
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.created");

        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            What, "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        var manage = Text(await s.InChannelAsync(Chair, ManageScreen.Manage, new ActionRefData(a1.Id)));
        var reassign = Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a1.Id, "Health Visiting", VisitorId, "The visitor's service takes it on", null)));
        await s.Host.DrainOutboxAsync();

        Assert.Contains(HealthLead.Name, manage, StringComparison.Ordinal);
        Assert.DoesNotContain("Quentin Visitor-Account", manage, StringComparison.Ordinal);
        Assert.Contains("Teams gives no organisation account for the lead you chose", reassign, StringComparison.Ordinal);
        var after = Assert.Single(await s.ActionsAsync());
        Assert.Equal(a1.Version, after.Version);
        Assert.Equal(PoliceLead.AadObjectId, after.Lead.Person.UserId);
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.reassigned");
    }

    [Fact]
    public async Task GuestsAreMarkedAndNamesakesAreToldApartByTheirDomain()
    {
        await using var s = await StartAsync();
        s.Host.Connector.Roster.AddRange(
        [
            Member(SamAtCouncil, "Sam Jones", "user", "sam.jones@somerset.gov.uk", "sam.jones@somerset.gov.uk"),
            Member(SamAtTrust, "Sam Jones", "guest", "Sam.Jones@NHS.net", "sam.jones_nhs.net#EXT#@somersetcouncil.onmicrosoft.com"),
            Member(GuestGp, GuestGp.Name, "guest", "priya.shah@nhs.net", "priya.shah_nhs.net#EXT#@somersetcouncil.onmicrosoft.com"),
        ]);
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        var form = Text(await s.InChannelAsync(Chair, CreateScreen.Form, new CreateFormData(s.Audit.Id, 0)));

        var leads = LeadChoices(form);
        Assert.Contains(("Sam Jones (somerset.gov.uk)", SamAtCouncil.Id), leads);
        Assert.Contains(("Sam Jones (guest, nhs.net)", SamAtTrust.Id), leads);
        Assert.Contains(("Priya Shah (guest)", GuestGp.Id), leads);
        Assert.Contains((PoliceLead.Name, PoliceLead.Id), leads);
        Assert.DoesNotContain("sam.jones@", form, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("#EXT#", form, StringComparison.Ordinal);

        var created = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", SamAtTrust.Id, "2026-05-30", Measure, null, null)));
        Assert.Contains("A1 created", created, StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        Assert.Equal(SamAtTrust.AadObjectId, a1.Lead.Person.UserId);
        Assert.Equal("Sam Jones", a1.Lead.Person.DisplayName);

        var manage = Text(await s.InChannelAsync(Chair, ManageScreen.Manage, new ActionRefData(a1.Id)));
        Assert.Contains(("Sam Jones (somerset.gov.uk)", SamAtCouncil.Id), LeadChoices(manage));
        Assert.Contains(("Priya Shah (guest)", GuestGp.Id), LeadChoices(manage));
        var reassigned = Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a1.Id, "County Police", GuestGp.Id, "The GP practice leads the protocol", null)));
        Assert.Contains("Saved.", reassigned, StringComparison.Ordinal);
        var after = Assert.Single(await s.ActionsAsync());
        Assert.Equal(GuestGp.AadObjectId, after.Lead.Person.UserId);
        Assert.Equal("Priya Shah", after.Lead.Person.DisplayName);
    }

    private static TeamsChannelAccount Member(TestUser user, string name, string role, string email, string upn) => new()
    {
        Id = user.Id, AadObjectId = user.AadObjectId, Name = name, TenantId = BotTestHost.TenantId, UserRole = role,
        Email = email, UserPrincipalName = upn,
    };

    /// <summary>The lead picker's choices on a card, as (title, value).</summary>
    private static List<(string Title, string Value)> LeadChoices(string card)
    {
        static IEnumerable<JsonElement> All(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => new[] { e }.Concat(e.EnumerateObject().SelectMany(p => All(p.Value))),
            JsonValueKind.Array => e.EnumerateArray().SelectMany(All),
            _ => [],
        };

        using var json = JsonDocument.Parse(card);
        var input = All(json.RootElement).Single(e => e.TryGetProperty("id", out var id) && id.GetString() == "lead");
        return input.GetProperty("choices").EnumerateArray()
            .Select(c => (c.GetProperty("title").GetString()!, c.GetProperty("value").GetString()!)).ToList();
    }
}
