using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// What a chair types into the audit itself (its title, agency names, section titles) is checked for identifiers:
/// refused where it would be shown in channels, or kept only with a confirmation the audit log records.
/// </summary>
public sealed class AuditIdentifierChecks : IAsyncLifetime
{
    private AuditScenario _s = null!;

    public async Task InitializeAsync() => _s = await StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task CreateRefusesAnIdentifierInTheTitle()
    {
        await _s.Host.SayAsync(Chair, Team, "new audit");
        var form = NewAuditForm with { Title = "Audit for the family on 07700 900123", WorkshopDate = null };

        var card = CardOf(await _s.ExecuteAsync(Chair, CreateScreen.Create, form));

        Assert.Contains("personal information", card.GetRawText());
        Assert.Empty(await _s.Store.ListAuditsAsync(default));
    }

    [Fact]
    public async Task AddAgencyRefusesAnIdentifierInTheName()
    {
        var auditId = await _s.CreateAsync();
        var agency = new AddAgencyData(auditId, nameof(AgencyType.Police), "Officer at someone@example.org");

        var card = CardOf(await _s.ExecuteAsync(Chair, AgenciesScreen.AddAgency, agency));

        Assert.Contains("personal information", card.GetRawText());
        Assert.Empty((await _s.Store.GetAuditAsync(auditId, default))!.Value.Agencies);
    }

    [Fact]
    public async Task AConfirmedIdentifierInASectionTitleIsLogged()
    {
        var auditId = await _s.CreateAsync();

        var section = new AddSectionData(auditId, "Contacts via someone@example.org", ConfirmNotIdentifying: true);
        CardOf(await _s.ExecuteAsync(Chair, QuestionsScreen.AddSection, section));

        var events = await _s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, auditId.ToString("D"));
        var added = Assert.Single(events, e => e.Action == "audit.section.added");
        Assert.Contains("Email", added.DetailJson);
    }
}
