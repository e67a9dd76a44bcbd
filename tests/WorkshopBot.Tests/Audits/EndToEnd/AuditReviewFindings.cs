using System.Net;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>Defects found in review: each reproduced over HTTP before it was fixed.</summary>
public sealed class AuditReviewFindings : IAsyncLifetime
{
    private AuditScenario _s = null!;

    public async Task InitializeAsync() => _s = await StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static TestUser SocialCare => Agencies[0].Rep;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task SaveSectionWithoutASectionIdAnswersPolitely(int versionOffset)
    {
        await _s.SetUpIssuedAsync();
        var ret = await _s.ReturnOfAsync(0);
        var q = ret.Sections[0].Questions[0].Id;
        var result = await _s.AsRepAsync(SocialCare, AuditVerbs.SaveSection, new Dictionary<string, object?>
        {
            ["auditId"] = _s.AuditId, ["returnId"] = ret.Id, ["step"] = 0, ["page"] = 0, ["version"] = ret.Version + versionOffset, ["move"] = "next", ["a:" + q] = "yes",
        });
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.NotNull(result.Card);
        Assert.Equal(ret.Version, (await _s.ReturnOfAsync(0)).Version);
    }

    [Fact]
    public async Task CreateRefusesAnIdentifierInTheTitle()
    {
        await _s.Host.SayAsync(Chair, Team, "new audit");
        var card = CardOf(await _s.ExecuteAsync(Chair, AuditVerbs.Create, new
        {
            title = "Audit for the family on 07700 900123",
            templateKey = "nai",
            gradeScaleKey = "ofsted-4",
            lookBackMonths = "12",
            returnsDue = "2026-03-20",
            reminderDays = "2",
        }));
        Assert.Contains("personal information", card.GetRawText());
        Assert.Empty(await _s.Store.ListAuditsAsync(default));
    }

    [Fact]
    public async Task AddAgencyRefusesAnIdentifierInTheName()
    {
        var auditId = await _s.CreateAsync();
        var card = CardOf(await _s.ExecuteAsync(Chair, AuditVerbs.AddAgency, new { auditId, agencyType = nameof(AgencyType.Police), agencyName = "Officer at someone@example.org" }));
        Assert.Contains("personal information", card.GetRawText());
        Assert.Empty((await _s.Store.GetAuditAsync(auditId, default))!.Value.Agencies);
    }

    [Fact]
    public async Task IssuingAgainSendsToolsToANewRepresentative()
    {
        await _s.SetUpIssuedAsync();
        AssertHasText(await _s.ExecuteAsync(Chair, AuditVerbs.SaveAgencyPeople, new { auditId = _s.AuditId, agencyId = "agency-1", representative = Outsider.Id }), "people and cases saved");
        AssertHasText(await _s.IssueAsync(), "Issued again");
        await _s.Host.DrainOutboxAsync();

        var tools = _s.Host.Sent(BotTestHost.PersonalChat(Outsider).Id).Count(x => x.AllText.Contains("Audit tool:", StringComparison.Ordinal));
        Assert.Equal(3, tools);
    }
}
