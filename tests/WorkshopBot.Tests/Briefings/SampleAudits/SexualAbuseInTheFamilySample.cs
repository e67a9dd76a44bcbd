using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using static WorkshopBot.Tests.Briefings.SampleAudits.SampleText;

namespace WorkshopBot.Tests.Briefings.SampleAudits;

/// <summary>
/// Child sexual abuse within the family: four children aged 1 to 15, four agencies, on the blank tool with the chair's own
/// questions (the theme never renamed from "Blank"), graded 1 to 5: the case issue 10 found wanting.
/// </summary>
internal static class SexualAbuseInTheFamilySample
{
    private const int Csc = 0, Police = 1, Schools = 2, Paediatrics = 3;

    public static SampleAudit Audit { get; } = new(
        "sexual-abuse-in-the-family",
        "Child sexual abuse within the family",
        null,
        "blank",
        GradeScales.OneToFive,
        24,
        [
            ("CSA-2026-03-C1", AgeBand.OneToFour), ("CSA-2026-03-C2", AgeBand.FiveToTen), ("CSA-2026-03-C3", AgeBand.ElevenToFifteen),
            ("CSA-2026-03-C4", AgeBand.ElevenToFifteen),
        ],
        [
            new(AgencyType.ChildrensSocialCare, "Children's Social Care"),
            new(AgencyType.Police, "County Police"),
            new(AgencyType.School, "Schools and nursery", [0, 1, 2, 3]),
            new(AgencyType.HospitalTrust, "Paediatrics and the sexual assault referral centre", [0, 1, 3]),
        ],
        [
            new("Recognition and response",
            [
                "Were signs of possible sexual abuse recognised and acted on at the first opportunity?",
                "Were the child's words recorded as the child said them?",
                "Was a strategy discussion held, with the right agencies present?",
            ]),
            new("Protecting the child during the investigation",
            [
                "Was the child kept safe from the alleged abuser while the investigation took place?",
                "Were siblings and other children in the household considered?",
                "Was the child offered therapeutic support without waiting for the criminal case?",
            ]),
        ],
        [
            P(S(Police, "The Achieving Best Evidence interview was held within a week by a specially trained officer.")),
            P(S(Paediatrics, "The paediatric examination at the sexual assault referral centre was child-centred and well explained.")),
            In([1, 2, 3],
                S(Schools, "The class teacher noticed changes in the child's behaviour and told the designated safeguarding lead "
                    + "the same day.")),
            In([0], S(Schools, "Nursery staff recorded the child's play and words carefully and referred the same day.")),
            In([0, 2], S(Csc, "The strategy discussion was held promptly and the alleged abuser left the home the same day.")),
            P(
                S(Csc, "Agencies worked together on the plan for the child."),
                S(Police, "Several agencies contributed to planning for the child's safety.")),
        ],
        [
            In([0, 1, 3], S(Csc, "Siblings and other children in the household were not seen or spoken to.")),
            In([1, 2, 3], S(Schools, "The child waited many months for therapeutic support while the criminal case went on.")),
            In([0, 2], S(Csc, "The non-abusing parent's ability to protect was assumed, not assessed.")),
            In([2, 3],
                S(Schools, "The child's first disclosure was not recorded in the child's own words."),
                S(Police, "What the child said at first was summarised rather than recorded word for word.")),
            In([1, 3], S(Schools, "The school was not told the outcome of the investigation.")),
            In([1], S(Paediatrics, "The follow-up appointment after the examination did not happen.")),
        ],
        [
            new(Paediatrics, 0, "Offer a follow-up appointment to every child seen at the centre by October 2026."),
            new(Schools, 2, "Record disclosures word for word on the school's safeguarding system."),
        ],
        ["2", "3", "2", "4"],
        [
            new(Schools, "Changes in behaviour noticed and passed on the same day", 4),
            new(Paediatrics, "A child-centred medical examination", 3, TagAgency: true),
            new(Csc, "Agencies worked together on the plan for the child", 3),
        ],
        [
            new(Csc, "Siblings not seen or spoken to", 4, Themes.ThinkFamily),
            new(Schools, "Long waits for therapy while the criminal case goes on", 4),
            new(Police, "Disclosures not recorded in the child's own words", 3, Themes.VoiceOfChild),
            new(Csc, "The non-abusing parent's capacity to protect was not assessed", 2),
        ],
        false,
        [
            new("See and speak to every child in the household in every enquiry into sexual abuse", Csc, new DateOnly(2026, 9, 30),
                "A re-audit of five cases finds every child in the household seen"),
            new("Commission therapeutic support that can start before a criminal trial", -1, new DateOnly(2027, 3, 31),
                "Children referred wait less than eight weeks for therapy"),
            new("Train designated safeguarding leads to record disclosures in the child's own words", Schools,
                new DateOnly(2026, 12, 31), "A sample of school records shows disclosures recorded word for word"),
        ]);
}
