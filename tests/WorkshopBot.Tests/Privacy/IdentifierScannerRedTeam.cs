using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// A red team's phrasings: how a practitioner in a hurry, or someone set on it, might write a child's identifiers so
/// that the check passes them (spelt out, split by marks, written in words, abbreviated as on an envelope), and the
/// sentences of real audit notes around them that must stay allowed.
/// </summary>
public sealed class IdentifierScannerRedTeam
{
    private readonly IdentifierScanner _scanner = new();

    // These used to pass unflagged.
    [Theory]
    [InlineData("her mother A-i-s-h-a was present", IdentifierKind.PersonName, "A-i-s-h-a")]
    [InlineData("the child J a y d e n was seen", IdentifierKind.PersonName, "J a y d e n")]
    [InlineData("K_a_y_d_e_n went missing", IdentifierKind.PersonName, "K_a_y_d_e_n")]
    [InlineData("mum -> Aisha", IdentifierKind.PersonName, "Aisha")]
    [InlineData("mum → Aisha", IdentifierKind.PersonName, "Aisha")]
    [InlineData("Forename - Jayden", IdentifierKind.PersonName, "Jayden")]
    [InlineData("child known to us as jayden", IdentifierKind.PersonName, "jayden")]
    [InlineData("NHS 943,476,5919", IdentifierKind.NhsNumber, "943,476,5919")]
    [InlineData("date of birth the fourth of March 2019", IdentifierKind.DateOfBirth, "date of birth the fourth of March 2019")]
    [InlineData("born on the twenty-first of June 2018", IdentifierKind.DateOfBirth, "born on the twenty-first of June 2018")]
    [InlineData("DOB 04 / 03 / 2019", IdentifierKind.DateOfBirth, "DOB 04 / 03 / 2019")]
    [InlineData("lives at 12 acacia st", IdentifierKind.StreetAddress, "12 acacia st")]
    [InlineData("12 Acacia Cres", IdentifierKind.StreetAddress, "12 Acacia Cres")]
    [InlineData("4 Elm Gdns", IdentifierKind.StreetAddress, "4 Elm Gdns")]
    [InlineData("7 Mill Ln", IdentifierKind.StreetAddress, "7 Mill Ln")]
    [InlineData("3 Park Tce", IdentifierKind.StreetAddress, "3 Park Tce")]
    [InlineData("9 Kings Pl", IdentifierKind.StreetAddress, "9 Kings Pl")]
    [InlineData("12 ACACIA RD", IdentifierKind.StreetAddress, "12 ACACIA RD")]
    [InlineData("lives at 3 Mill Dr with mum", IdentifierKind.StreetAddress, "3 Mill Dr")]
    [InlineData("12-14 Acacia Road", IdentifierKind.StreetAddress, "12-14 Acacia Road")]
    public void FlagsIdentifiersWrittenToSlipPastTheCheck(string text, IdentifierKind kind, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, kind, expected);
    }

    // These were already flagged; kept so that a change to a rule does not open them again.
    [Theory]
    [InlineData("her mother A.i.s.h.a Rahman was present", IdentifierKind.PersonName)]
    [InlineData("her mother Ai\u200Bsha was present", IdentifierKind.PersonName)]
    [InlineData("mother Aisha\u00ADRahman attended", IdentifierKind.PersonName)]
    [InlineData("her mother Ａｉｓｈａ attended", IdentifierKind.PersonName)]
    [InlineData("her mother Аisha attended", IdentifierKind.PersonName)]
    [InlineData("mum (aisha) attended", IdentifierKind.PersonName)]
    [InlineData("First name: Jayden; Surname: Nowak", IdentifierKind.PersonName)]
    [InlineData("brother, jayden, was present", IdentifierKind.PersonName)]
    [InlineData("Jayden-Lee's mum rang", IdentifierKind.PersonName)]
    [InlineData("@Jayden was seen at school", IdentifierKind.PersonName)]
    [InlineData("nhs no 943-476-5919", IdentifierKind.NhsNumber)]
    [InlineData("nhs 9 4 3 4 7 6 5 9 1 9", IdentifierKind.NhsNumber)]
    [InlineData("NHS ９４３ ４７６ ５９１９", IdentifierKind.NhsNumber)]
    [InlineData("NHS# 943 476 591 9", IdentifierKind.NhsNumber)]
    [InlineData("NHS no. 943 - 476 - 5919", IdentifierKind.NhsNumber)]
    [InlineData("dob: 4.3.19", IdentifierKind.DateOfBirth)]
    [InlineData("D.O.B 04-03-2019", IdentifierKind.DateOfBirth)]
    [InlineData("DOB: 4th March 2019", IdentifierKind.DateOfBirth)]
    [InlineData("dob march 4th 2019", IdentifierKind.DateOfBirth)]
    [InlineData("d.o.b. 04 03 2019", IdentifierKind.DateOfBirth)]
    [InlineData("DOB ０４／０３／２０１９", IdentifierKind.DateOfBirth)]
    [InlineData("dob 04032019", IdentifierKind.DateOfBirth)]
    [InlineData("DOB=04/03/2019", IdentifierKind.DateOfBirth)]
    [InlineData("DOB fourth March two thousand and nineteen", IdentifierKind.DateOfBirth)]
    [InlineData("lives at ls6 2ab", IdentifierKind.Postcode)]
    [InlineData("postcode: ls62ab", IdentifierKind.Postcode)]
    [InlineData("postcode ＬＳ６ ２ＡＢ", IdentifierKind.Postcode)]
    [InlineData("lives at 12 acacia rd", IdentifierKind.StreetAddress)]
    [InlineData("lives at no. 12 Acacia Road", IdentifierKind.StreetAddress)]
    [InlineData("１２ Acacia Road", IdentifierKind.StreetAddress)]
    public void StillFlagsOtherDisguisedIdentifiers(string text, IdentifierKind kind)
    {
        Assert.Contains(_scanner.Scan(text), f => f.Kind == kind);
    }

    [Theory]
    [InlineData("The social worker spoke to the HV about the referral")]
    [InlineData("The DSL and the SENCO met on 12 March 2024")]
    [InlineData("Sibling 1 and Sibling 2 were seen alone")]
    [InlineData("Case code NAI-2026-03-C2 was reviewed")]
    [InlineData("A section 47 enquiry was not started; an s.17 assessment was completed")]
    [InlineData("The child, aged 3, was not brought to the dentist")]
    [InlineData("The workshop on the fourth of March 2024 agreed three actions")]
    [InlineData("the ICPC on the fourth of March 2024 agreed a plan")]
    [InlineData("strategy discussion held 04 / 03 / 2024")]
    [InlineData("Q1 / Q2 / Q3 figures were compared; ratings 3 - 4 - 2 were given")]
    [InlineData("Barnardo's and the NSPCC were involved")]
    [InlineData("Referral received 04/03/2024; case closed 12.04.2024")]
    [InlineData("Children Act 1989 section 20; paragraph 4.3 of the guidance")]
    [InlineData("Actions 1-3 due by 30/06/2024")]
    [InlineData("Reference 2023/045/1234; 943 staff were trained in 2023")]
    [InlineData("figures of 120,345 were quoted")]
    [InlineData("DOB not recorded on the referral; DOB field left blank by the GP")]
    [InlineData("Born at 34 weeks and seen by the neonatal team")]
    [InlineData("21 st century safeguarding practice")]
    [InlineData("2-3 Family Court hearings were listed; 10-12 weeks later the case closed")]
    [InlineData("seen 1-2 times a week by the HV")]
    [InlineData("12 Pl units were bought")]
    [InlineData("The GP surgery on Acacia Road; St Helens and Knowsley")]
    [InlineData("4 children close to mum; 3 st johns ambulance crew")]
    [InlineData("spoke to the ed consultant; with the leo project")]
    [InlineData("seen at home by the HV; collected from nursery by the childminder; visited at home twice")]
    [InlineData("asked the child about home; told the yp about the plan; seen in school by the nurse")]
    [InlineData("saw may 2024 data; with max 3 visits a week")]
    [InlineData("spoke to everyone at the core group; talked to the DSL and the SENCO")]
    [InlineData("known to services since 2019")]
    [InlineData("NOTE: ALL AGENCIES ATTENDED")]
    [InlineData("The family moved to 4 different areas; Level 3 training for 40 staff")]
    [InlineData("Health visitor visited 12 times; 3 children were seen; 12 agencies returned audits")]
    [InlineData("Early Help assessment started 04/03/2024; Ofsted rated the service Good")]
    [InlineData("Section 47 threshold met; ICPC within 15 working days")]
    [InlineData("Section 47 enquiry 12/2024/03 closed")]
    [InlineData("saw ofsted at school last term; visited the school at home time")]
    [InlineData("The baby was 6 weeks old; Mother, aged 24, had a history of depression")]
    [InlineData("Room B2, 1st floor; rd 2 of the workshop; ave score was 3.2")]
    [InlineData("saw mum at home; mum and dad were seen; spoke to her about it")]
    public void AllowsTheAuditSentencesAroundThem(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }
}
