using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// After issue: a representative the chair chooses is sent their audit tools when the agency's people are saved, and the
/// saved card says so (or names them when the bot cannot reach them); the issued dashboard offers Send missing audit
/// tools, which sends again a tool Teams refused once the representative has unblocked the app, and nothing twice.
/// </summary>
public sealed class AuditToolsAfterIssue
{
    private const string SendMissing = "Send missing audit tools";

    private static int ToolsIn(AuditScenario s, TestUser rep) =>
        s.Host.Sent(BotTestHost.PersonalChat(rep).Id).Count(x => x.AllText.Contains("Audit tool:", StringComparison.Ordinal));

    private static AgencyPeopleData NewRepresentative(AuditScenario s) => new(s.AuditId, "agency-1", Outsider.Id, null, null);

    [Fact]
    public async Task ANewRepresentativeIsSentTheirToolsWhenThePeopleAreSavedAndOnlyOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();

        var saved = await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, NewRepresentative(s));
        await s.Host.DrainOutboxAsync();
        var again = await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, NewRepresentative(s));
        await s.Host.DrainOutboxAsync();

        AssertHasText(saved, $"people and cases saved. 3 audit tools sent to {Outsider.Name}.");
        AssertHasText(again, $"{Outsider.Name} has already been sent the agency's 3 audit tools.");
        Assert.Equal(3, ToolsIn(s, Outsider));
    }

    [Fact]
    public async Task SendMissingAuditToolsAfterTheReleaseSaysWhyNothingIsSentAndWhatToDoInstead()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var id = new AuditRefData(s.AuditId);
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Release, id), "Returns released for moderation.");
        // A replacement representative chosen after the release: no tool is sent to them.
        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, NewRepresentative(s)), "no audit tool is sent");

        // Send missing audit tools on a dashboard card from before the release.
        var pressed = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Issue, id)).GetRawText();
        await s.Host.DrainOutboxAsync();

        Assert.Contains("Nothing was sent: the returns have been released for moderation, so audit tools are no longer sent.",
            pressed, StringComparison.Ordinal);
        Assert.Contains("ask them to type my audits in their chat with WorkshopBot", pressed, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit tools can be sent only while returns are being collected", pressed, StringComparison.Ordinal);
        Assert.Equal(0, ToolsIn(s, Outsider));

        // What the chair is told to ask for works: "my audits" opens the agency's returns to the new representative.
        await s.Host.SayAsync(Outsider, BotTestHost.PersonalChat(Outsider), "my audits");
        var mine = s.Host.Sent(BotTestHost.PersonalChat(Outsider).Id).Last().AllText;
        Assert.All(Cases, c => Assert.Contains(c, mine, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANewRepresentativeWhoClosedTheirChatIsNamedOnTheSavedCard()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var chat = BotTestHost.PersonalChat(Outsider);
        await s.Host.SendAsync(s.Host.Message(Outsider, chat, "help"));
        await s.Host.SendAsync(s.Host.Installation(Outsider, chat, "remove"));

        var saved = CardOf(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, NewRepresentative(s))).GetRawText();

        Assert.Contains("people and cases saved", saved, StringComparison.Ordinal);
        Assert.Contains($"WorkshopBot could not reach {Outsider.Name} in Teams to send the agency's audit tools", saved,
            StringComparison.Ordinal);
        Assert.Contains($"press {SendMissing} on the audit's dashboard", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMissingAuditToolsSendsAgainWhatTeamsRefusedOnceTheAppIsUnblocked()
    {
        await using var s = await StartAsync();
        await s.CreateAsync();
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        var gp = Agencies[3].Rep;
        s.Host.Connector.Inject(Uri.EscapeDataString(BotTestHost.PersonalChat(gp).Id), new InjectedFailure(403, "MessageWritesBlocked",
            Times: 3));
        AssertHasText(await s.IssueAsync(), "Audit issued");
        await s.Host.DrainOutboxAsync();
        Assert.Equal(0, ToolsIn(s, gp));

        var dashboard = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId)));
        var button = FindAction(dashboard, DashboardScreen.Issue);
        Assert.Equal(SendMissing, button?.GetProperty("title").GetString());
        Assert.Contains($"then press {SendMissing} on the audit's dashboard", dashboard.GetRawText(), StringComparison.Ordinal);
        var resent = await s.ExecuteAsync(Chair, DashboardScreen.Issue, Read<AuditRefData>(button!.Value));
        await s.Host.DrainOutboxAsync();
        var requests = s.Host.Connector.Requests.Count;
        var pressedAgain = await s.ExecuteAsync(Chair, DashboardScreen.Issue, new AuditRefData(s.AuditId));
        await s.Host.DrainOutboxAsync();

        AssertHasText(resent, "3 audit tools sent now");
        AssertHasText(pressedAgain, "0 audit tools sent now");
        Assert.Equal(3, ToolsIn(s, gp));
        Assert.Equal(requests, s.Host.Connector.Requests.Count);
        var after = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId))).GetRawText();
        Assert.DoesNotContain("GP Auditor (has blocked", after, StringComparison.Ordinal);

        // The refusals were sent again and delivered: the chair is not told of them afterwards.
        Assert.Equal(0, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).DeliveryFailuresReported);
    }
}
