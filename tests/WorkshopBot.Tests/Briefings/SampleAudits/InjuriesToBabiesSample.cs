using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using static WorkshopBot.Tests.Briefings.SampleAudits.SampleText;

namespace WorkshopBot.Tests.Briefings.SampleAudits;

/// <summary>Non-accidental injury in babies: six cases, five of them babies under one, seven agencies, on the NAI tool.</summary>
internal static class InjuriesToBabiesSample
{
    private const int Csc = 0, Police = 1, HealthVisiting = 2, Midwifery = 3, Hospital = 4, Gp = 5, EarlyHelp = 6;

    public static SampleAudit Audit { get; } = new(
        "injuries-to-babies",
        "Injuries in non-mobile babies, spring 2026",
        "Injuries in non-mobile babies",
        "nai",
        GradeScales.OfstedFourPoint,
        12,
        [
            ("NAI-2026-02-C1", AgeBand.Under1), ("NAI-2026-02-C2", AgeBand.Under1), ("NAI-2026-02-C3", AgeBand.Under1),
            ("NAI-2026-02-C4", AgeBand.Under1), ("NAI-2026-02-C5", AgeBand.Under1), ("NAI-2026-02-C6", AgeBand.OneToFour),
        ],
        [
            new(AgencyType.ChildrensSocialCare, "Children's Social Care"),
            new(AgencyType.Police, "County Police"),
            new(AgencyType.HealthVisiting, "Health visiting"),
            new(AgencyType.Midwifery, "Midwifery", [0, 1, 2, 3]),
            new(AgencyType.HospitalTrust, "Emergency department and paediatrics"),
            new(AgencyType.Gp, "GP practices"),
            new(AgencyType.EarlyHelp, "Early Help", [1, 3, 4, 5]),
        ],
        [],
        [
            In([0, 1, 2, 4],
                S(Csc, "Strategy discussion held on the day of the referral with police and health present."),
                S(Police, "The strategy discussion took place the same day and police attended."),
                S(Hospital, "The strategy meeting was held the same day, with paediatrics represented.")),
            P(S(Hospital, "CP medical completed within 24 hours by a consultant paediatrician, including a skeletal survey.")),
            In([0, 2, 4], S(Csc, "Child protection medicals were arranged promptly.")),
            In([0, 1, 2, 3],
                S(HealthVisiting, "The health visitor shared the family history and recent contacts with the strategy meeting.")),
            In([1, 3, 5],
                S(Csc, "Siblings were seen and safety plans put in place quickly."),
                S(Police, "Siblings were safeguarded promptly through the safety plan.")),
            P(S(Midwifery, "Midwifery records of pre-birth concerns were shared in full when requested.")),
            P(S(Gp, "The practice gave the strategy meeting a full summary of the baby's and parents' records.")),
            P(S(EarlyHelp, "The family engaged well with Early Help after the injury was investigated.")),
        ],
        [
            In([0, 1, 3, 4],
                S(Csc, "The father and the mother's partner were not assessed; the assessment focused on the mother."),
                S(HealthVisiting, "Fathers were not seen at the new birth visit or at later contacts."),
                S(Midwifery, "Midwives did not record who the father was or whether he lived in the household.")),
            In([0, 2, 3, 5],
                S(Gp, "The outcome of the CP medical did not reach the GP for several weeks."),
                S(HealthVisiting, "The health visitor was not told the outcome of the CP medical.")),
            In([1, 3],
                S(Hospital, "The first explanation for the bruising was accepted without checking it against the baby's development."),
                S(Police, "The parents' account was taken at face value at first.")),
            In([3], S(Gp, "A bruise noted at the six-week check was not referred under the bruising protocol.")),
            In([1, 4], S(EarlyHelp, "An Early Help worker saw a small bruise and did not follow the bruising protocol.")),
            In([2], S(Csc, "Out of hours, no senior manager was available to agree the decision to seek police protection.")),
            In([5],
                S(Csc, "When the case stepped down to Early Help, the plan did not say what should happen if new injuries were seen."),
                S(EarlyHelp, "The step down to Early Help came without a clear plan.")),
        ],
        [
            new(Hospital, 0, "Audit the use of the bruising protocol in the emergency department by July 2026."),
            new(Gp, 3, "Add a safeguarding code to the baby's record when a CP medical takes place."),
            new(HealthVisiting, 1, "Remind health visitors to record the details of fathers and partners at every contact."),
        ],
        ["good", "requires-improvement", "good", "inadequate", "good", "requires-improvement"],
        [
            new(Csc, "Same-day strategy discussions with health and police present", 5, Themes.StrategyMeetingsAndMedicals),
            new(Hospital, "Consultant-led CP medicals with skeletal surveys, completed quickly", 4, TagAgency: true),
            new(HealthVisiting, "Health visitors brought the family history to the strategy discussion", 3),
            new(Police, "Siblings were safeguarded promptly", 2, Themes.ThinkFamily),
        ],
        [
            new(HealthVisiting, "Fathers and partners are not identified, seen or assessed", 6, Themes.FathersAndMales),
            new(Gp, "CP medical outcomes take weeks to reach the GP and the health visitor", 5, Themes.InformationSharing),
            new(Hospital, "Explanations for injuries were accepted too readily", 3),
            new(Csc, "No senior manager available out of hours", 2),
            new(EarlyHelp, "Early Help staff were unsure of the bruising protocol", 2, Themes.PoliciesAndProcedures),
        ],
        false,
        [
            new("Identify, see and assess fathers and partners in every assessment, and record who lives in the household", -1,
                new DateOnly(2026, 10, 31), "A re-audit of 10 cases finds fathers identified and assessed in at least 8"),
            new("Send CP medical outcomes to the GP and the health visitor within five working days", Hospital,
                new DateOnly(2026, 8, 31), "The named doctor's monthly check shows 9 in 10 outcomes sent within five working days"),
            new("Refresh training on the bruising protocol for Early Help and GP practices", EarlyHelp, new DateOnly(2026, 9, 30),
                "All Early Help practitioners trained; referrals under the protocol tracked each quarter"),
            new("Agree how staff reach a senior manager out of hours when a baby may need protection", Csc, new DateOnly(2026, 7, 31),
                "The out-of-hours log shows a senior manager reached within one hour"),
        ]);
}
