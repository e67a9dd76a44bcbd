using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The texts a chair types to set an audit up (its title and theme on the create form and in its details, its
/// data-protection references, a case reference, an agency's name), of 200,000 characters (as large as a press may be)
/// with something the identifier check flags in them: refused for their length first, in the words every typed input uses, never
/// answered with the identifier check; nothing stored or logged; the form shown again holds it cut to what its input allows.
/// </summary>
public sealed class SetUpTextLengthBeforeIdentifiers
{
    private const string Identifying = "Seen by Jane Smith (07700 900123), born 12/03/2019. ";

    /// <summary>A part of a forged case reference or agency id: no comma, so a list of cases reads it as one.</summary>
    private const string ForgedPart = "NAI-2026-03-C9-";

    public static TheoryData<string> Fields =>
        ["create title", "create theme", "title", "theme", "lawful basis", "DPIA reference", "data-sharing agreement", "case",
            "agency name"];

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task AnOverLongSetUpTextIsRefusedForItsLengthAndNotKept(string field)
    {
        await using var s = await StartAsync();
        var auditId = await s.CreateAsync();
        var before = (await s.Store.GetAuditAsync(auditId, default))!;
        var logged = (await LogAsync(s)).Count;
        var huge = OverLong(200_000);

        var (label, limit, answer) = field switch
        {
            "create title" => ("The title", Audit.MaxTitleLength, await s.ExecuteAsync(Chair, CreateScreen.Create,
                NewAuditForm with { Title = huge })),
            "create theme" => ("The theme", Audit.MaxTitleLength, await s.ExecuteAsync(Chair, CreateScreen.Create,
                NewAuditForm with { Title = "Neglect audit, autumn 2026", Theme = huge })),
            "title" => ("The title", Audit.MaxTitleLength, await SaveDetailsAsync(s, new AuditDetailsData(auditId, Title: huge))),
            "theme" => ("The theme", Audit.MaxTitleLength, await SaveDetailsAsync(s, new AuditDetailsData(auditId, Theme: huge))),
            "lawful basis" => ("The lawful basis", DataProtectionRecord.MaxLength,
                await SaveDetailsAsync(s, new AuditDetailsData(auditId, LawfulBasis: huge))),
            "DPIA reference" => ("The DPIA reference", DataProtectionRecord.MaxLength,
                await SaveDetailsAsync(s, new AuditDetailsData(auditId, DpiaReference: huge))),
            "data-sharing agreement" => ("The data-sharing agreement reference", DataProtectionRecord.MaxLength,
                await SaveDetailsAsync(s, new AuditDetailsData(auditId, DataSharingAgreement: huge))),
            "case" => ("The case reference", CaseReference.MaxLength,
                await s.ExecuteAsync(Chair, CasesScreen.AddCase, new AddCaseData(auditId, huge, "1-4"))),
            _ => ("The agency name", AuditAgency.MaxNameLength,
                await s.ExecuteAsync(Chair, AgenciesScreen.AddAgency, new AddAgencyData(auditId, nameof(AgencyType.Police), huge))),
        };

        var card = CardOf(answer).GetRawText();
        Assert.Contains($"{label} is {FreeText.Normalise(huge).Length:N0} characters long; the limit is {limit:N0}. Please shorten it by",
            card, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", card, StringComparison.OrdinalIgnoreCase);
        Assert.True(card.Length < 16 * 1024, $"An answer of {card.Length:N0} characters.");
        // Given back in its input, cut to what the input allows, so the chair can shorten it rather than type it again.
        Assert.Contains(huge[..limit], card, StringComparison.Ordinal);
        Assert.DoesNotContain(huge[..(limit + Identifying.Length)], card, StringComparison.Ordinal);
        var after = (await s.Store.GetAuditAsync(auditId, default))!;
        Assert.Equal(before.Version, after.Version);
        Assert.Single(await s.Store.ListChairedByAsync(Chair.Person, default));
        Assert.Equal(logged, (await LogAsync(s)).Count);
    }

    /// <summary>
    /// Forged presses naming a case or an agency by 200,000 characters (to remove a case, to give an agency its cases, to open
    /// an agency): the refusal names it no longer than its input allows.
    /// </summary>
    [Fact]
    public async Task AForgedLongCaseOrAgencyIsNotEchoedBackWhole()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var agency = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.Agencies[0].Id;
        var huge = string.Concat(Enumerable.Repeat(ForgedPart, 200_000 / ForgedPart.Length));

        string[] answers =
        [
            CardOf(await s.ExecuteAsync(Chair, CasesScreen.RemoveCase, new CaseRefData(s.AuditId, huge))).GetRawText(),
            CardOf(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
                new AgencyPeopleData(s.AuditId, agency, Agencies[0].Rep.Id, null, huge))).GetRawText(),
            CardOf(await s.ExecuteAsync(Chair, AgenciesScreen.AgencyPeople, new AgencyRefData(s.AuditId, huge))).GetRawText(),
        ];

        Assert.All(answers, answer =>
        {
            Assert.Contains("not in this audit", answer.Replace("There is no agency", "not in this audit", StringComparison.Ordinal),
                StringComparison.Ordinal);
            Assert.True(answer.Length < 16 * 1024, $"An answer of {answer.Length:N0} characters.");
            Assert.DoesNotContain(ForgedPart + ForgedPart + ForgedPart + ForgedPart, answer, StringComparison.Ordinal);
        });
    }

    private static Task<InvokeResult> SaveDetailsAsync(AuditScenario s, AuditDetailsData data) =>
        s.ExecuteAsync(Chair, DetailsScreen.Save, data);

    private static async Task<IReadOnlyList<AuditEvent>> LogAsync(AuditScenario s) =>
        await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));

    private static string OverLong(int length) => string.Concat(Enumerable.Repeat(Identifying, (length / Identifying.Length) + 1));
}
