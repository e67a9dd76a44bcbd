using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using static WorkshopBot.Tests.Briefings.SampleAudits.SampleText;

namespace WorkshopBot.Tests.Briefings.SampleAudits;

/// <summary>Children living with domestic abuse: ten children from babies to 15, nine agencies, on the DA tool, graded RAG.</summary>
internal static class DomesticAbuseSample
{
    private const int Csc = 0, Police = 1, HealthVisiting = 2, Midwifery = 3, Gp = 4, Schools = 5, Idva = 6, Housing = 7, Probation = 8;

    public static SampleAudit Audit { get; } = new(
        "domestic-abuse",
        "Children living with domestic abuse",
        null,
        "domestic-abuse",
        GradeScales.Rag,
        12,
        [
            ("DAB-2026-01-C1", AgeBand.Under1), ("DAB-2026-01-C2", AgeBand.Under1), ("DAB-2026-01-C3", AgeBand.OneToFour),
            ("DAB-2026-01-C4", AgeBand.OneToFour), ("DAB-2026-01-C5", AgeBand.OneToFour), ("DAB-2026-01-C6", AgeBand.FiveToTen),
            ("DAB-2026-01-C7", AgeBand.FiveToTen), ("DAB-2026-01-C8", AgeBand.FiveToTen), ("DAB-2026-01-C9", AgeBand.ElevenToFifteen),
            ("DAB-2026-01-C10", AgeBand.ElevenToFifteen),
        ],
        [
            new(AgencyType.ChildrensSocialCare, "Children's Social Care"),
            new(AgencyType.Police, "County Police"),
            new(AgencyType.HealthVisiting, "Health visiting", [0, 1, 2, 3, 4]),
            new(AgencyType.Midwifery, "Midwifery", [0, 1]),
            new(AgencyType.Gp, "GP practices"),
            new(AgencyType.School, "Schools", [5, 6, 7, 8, 9]),
            new(AgencyType.VoluntarySector, "Domestic abuse service (IDVAs)", [0, 2, 3, 5, 7, 8]),
            new(AgencyType.Housing, "Housing", [1, 3, 6, 9]),
            new(AgencyType.Probation, "Probation Service", [3, 6, 8]),
        ],
        [],
        [
            P(S(Police, "Officers completed the DASH risk assessment at every incident and notified children's social care.")),
            P(S(Idva, "The IDVA supported the mother through the MARAC and into safe accommodation.")),
            P(S(Schools, "The school received the Operation Encompass notification the next morning and checked in with the child.")),
            P(S(Midwifery, "Routine enquiry about domestic abuse was made at booking and again later in the pregnancy.")),
            P(S(Housing, "Housing fitted sanctuary measures quickly so the family could stay in their home.")),
            In([0, 2, 4, 6],
                S(Csc, "The social worker and the IDVA visited together and agreed one safety plan."),
                S(Idva, "Joint visits with the social worker led to one shared safety plan.")),
            In([1, 3, 5], S(HealthVisiting, "The health visitor asked about domestic abuse when the mother was seen alone.")),
            In([0, 5, 9], S(Gp, "The practice recorded the MARAC referral on the parent's record.")),
            P(S(Probation, "The probation officer shared licence conditions with the child protection conference.")),
        ],
        [
            In([0, 2, 3, 6, 8],
                S(Csc, "The father who caused the harm was not engaged or assessed; the work focused on the mother protecting the "
                    + "children."),
                S(HealthVisiting, "The father was not seen, although he was living in the home.")),
            In([3, 6, 8], S(Probation, "Probation was not invited to the child protection conference although the father was on licence.")),
            In([1, 4, 5, 7, 9],
                S(Schools, "The child's lived experience of the abuse at home was not explored or recorded."),
                S(HealthVisiting, "The impact on the baby of living with domestic abuse was not recorded.")),
            In([0, 2, 5, 9],
                S(Gp, "MARAC information was not added to the children's GP records."),
                S(Csc, "MARAC actions were not reflected in the child's plan.")),
            In([1, 3], S(HealthVisiting, "Routine enquiry was not made at every contact because the partner was present.")),
            In([4, 7], S(Police, "Risk was downgraded after counter-allegations, without checking the history of incidents.")),
        ],
        [
            new(Police, 3, "Attach the DASH risk assessment to every notification to children's social care by August 2026."),
            new(Gp, 2, "Add MARAC information to the records of every child in the household."),
            new(Probation, 3, "Check for children in the household at every licence review."),
        ],
        ["green", "amber", "amber", "red", "green", "amber", "green", "amber", "red", "amber"],
        [
            new(Schools, "Operation Encompass notifications reach schools the next morning", 6, Themes.DomesticAbuse),
            new(Idva, "IDVA support through MARAC into safe accommodation", 5, TagAgency: true),
            new(Housing, "Sanctuary measures let families stay safely at home", 3),
            new(Midwifery, "Routine enquiry at booking and later in pregnancy", 2),
        ],
        [
            new(Csc, "People who cause harm are not engaged or assessed; mothers are left to protect", 8, Themes.FathersAndMales),
            new(Schools, "Children's lived experience is missing from assessments", 6),
            new(Gp, "MARAC information does not reach GP and health records", 5, Themes.InformationSharing),
            new(Probation, "Probation not invited to child protection conferences", 4, Themes.RightAgenciesAtMeetings),
        ],
        false,
        [
            new("Include the person causing harm in every assessment and plan, with a named worker to engage them", Csc,
                new DateOnly(2026, 10, 31), "A re-audit finds the person causing harm engaged and assessed in 8 of 10 cases"),
            new("Share MARAC outcomes with GP practices and health visiting within two working days", Police,
                new DateOnly(2026, 8, 31), "The MARAC coordinator's log shows outcomes sent within two working days"),
            new("Invite probation to every child protection conference where a parent is on licence or a community order", Csc,
                new DateOnly(2026, 7, 31), "Conference records show probation invited in every such case"),
            new("Train health visitors and midwives on the impact of domestic abuse on babies", HealthVisiting,
                new DateOnly(2026, 12, 31), "9 in 10 trained; routine enquiry recorded at every contact in the next audit"),
        ]);
}
