using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A named lead arrives as a Teams member id in card data, and the bot looks it up in the conversation's roster with its
/// own token (<c>GET v3/conversations/{id}/members/{member}</c>). A forged id of <c>.</c> or <c>..</c> is a path segment
/// the URL would resolve away, turning the look-up into another request to Teams (the member list, or the conversation
/// itself). Such an id names nobody: the chair is asked to choose a lead, nothing is saved, and no request leaves the
/// member look-up.
/// </summary>
public sealed class ForgedLeadIdsStayMemberLookups
{
    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public async Task DotSegmentLeadIsNobodyAndReachesNoOtherConnectorRoute(string forged)
    {
        await using var s = await StartAsync();
        var auditId = s.Audit.Id;
        Assert.Contains("Action plan", Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId))),
            StringComparison.Ordinal);
        var created = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1,
            "Agree an information-sharing protocol", "County Police", PoliceLead.Id, "2026-05-30", "Notes shared", null, null)));
        Assert.Contains("A1 created", created, StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        var before = s.Host.Connector.Requests.Count;

        var create = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 0,
            "Audit the new protocol after three months", "Health Visiting", forged, "2026-06-30", "Dip sample done", null, null)));
        var reassign = Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a1.Id, null, forged, "The police lead has moved to another team", null)));

        Assert.Contains("Choose a named lead from the team.", create, StringComparison.Ordinal);
        Assert.DoesNotContain("Saved.", reassign, StringComparison.Ordinal);
        var after = Assert.Single(await s.ActionsAsync());
        Assert.Equal(PoliceLead.AadObjectId, after.Lead.Person.UserId);
        Assert.Equal(a1.Version, after.Version);
        var gets = s.Host.Connector.Requests.Skip(before).Where(r => r.Method == "GET").Select(r => r.Path).ToList();
        Assert.All(gets, path => Assert.True(path.EndsWith("/pagedmembers", StringComparison.Ordinal)
            || path.Contains("/members/", StringComparison.Ordinal) && !path.EndsWith("/members/", StringComparison.Ordinal),
            $"A forged lead id reached another connector route: GET {path}"));
        Assert.DoesNotContain(s.Host.Connector.Requests.Skip(before), r => r.RawTarget.EndsWith("thread.tacv2/", StringComparison.Ordinal)
            || r.RawTarget.EndsWith("/members/", StringComparison.Ordinal));
    }
}
