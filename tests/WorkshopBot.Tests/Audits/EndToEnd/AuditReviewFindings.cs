using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;

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
        var result = await _s.AsRepAsync(SocialCare, ReturnsScreen.SaveSection, new Dictionary<string, object?>
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
        var card = CardOf(await _s.ExecuteAsync(Chair, CreateScreen.Create, new
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
        var card = CardOf(await _s.ExecuteAsync(Chair, AgenciesScreen.AddAgency, new { auditId, agencyType = nameof(AgencyType.Police), agencyName = "Officer at someone@example.org" }));
        Assert.Contains("personal information", card.GetRawText());
        Assert.Empty((await _s.Store.GetAuditAsync(auditId, default))!.Value.Agencies);
    }

    [Fact]
    public async Task IssuingAgainSendsToolsToANewRepresentative()
    {
        await _s.SetUpIssuedAsync();
        AssertHasText(await _s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, new { auditId = _s.AuditId, agencyId = "agency-1", representative = Outsider.Id }), "people and cases saved");
        AssertHasText(await _s.IssueAsync(), "Issued again");
        await _s.Host.DrainOutboxAsync();

        var tools = _s.Host.Sent(BotTestHost.PersonalChat(Outsider).Id).Count(x => x.AllText.Contains("Audit tool:", StringComparison.Ordinal));
        Assert.Equal(3, tools);
    }

    [Fact]
    public async Task AcknowledgingWhileTheResendJobWritesStillRecordsTheAcknowledgement()
    {
        await using var s = await StartAsync(o => o.Services = services =>
            services.AddSingleton(sp => new AuditStore(new EscalationWriteRace(sp.GetRequiredService<IDocumentStore>()))));
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;

        var ack = CardOf(await s.Host.ExecuteAsync(Lead, BotTestHost.PersonalChat(Lead), SafetyScreen.AcknowledgeAlert, new { escalationId = escalation.Id }));

        Assert.Contains("Acknowledged by Police Named Lead", ack.GetRawText());
        Assert.True((await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.IsAcknowledged);
    }

    [Fact]
    public async Task AConfirmedIdentifierInASectionTitleIsLogged()
    {
        var auditId = await _s.CreateAsync();
        CardOf(await _s.ExecuteAsync(Chair, QuestionsScreen.AddSection, new { auditId, sectionTitle = "Contacts via someone@example.org", confirmNotIdentifying = true }));
        var events = await _s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, auditId.ToString("D"));
        var added = Assert.Single(events, e => e.Action == "audit.section.added");
        Assert.Contains("Email", added.DetailJson);
    }

    /// <summary>Lets another writer (the re-send job) bump an escalation just before the first acknowledgement is written.</summary>
    private sealed class EscalationWriteRace(IDocumentStore inner) : IDocumentStore
    {
        private int _raced;

        public Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken = default) => inner.GetAsync(collection, id, cancellationToken);

        public Task<bool> TryInsertAsync(string collection, string id, string json, string? key1, string? key2, CancellationToken cancellationToken = default) =>
            inner.TryInsertAsync(collection, id, json, key1, key2, cancellationToken);

        public async Task<bool> TryUpdateAsync(string collection, string id, long expectedVersion, string json, string? key1, string? key2, CancellationToken cancellationToken = default)
        {
            if (collection == AuditStore.Escalations && key2 == "acknowledged" && Interlocked.Exchange(ref _raced, 1) == 0)
            {
                var current = (await inner.GetAsync(collection, id, cancellationToken))!;
                await inner.TryUpdateAsync(collection, id, current.Version, current.Json, current.Key1, current.Key2, cancellationToken);
            }

            return await inner.TryUpdateAsync(collection, id, expectedVersion, json, key1, key2, cancellationToken);
        }

        public Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, string? key1 = null, string? key2 = null, CancellationToken cancellationToken = default) =>
            inner.ListAsync(collection, key1, key2, cancellationToken);

        public Task<bool> DeleteAsync(string collection, string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(collection, id, cancellationToken);
    }
}
