using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using static WorkshopBot.Tests.Briefings.SampleAudits.SampleText;

namespace WorkshopBot.Tests.Briefings.SampleAudits;

/// <summary>Neglect: eight children aged 1 to 15, eight agencies, on the neglect tool, graded good or requires improvement.</summary>
internal static class NeglectSample
{
    private const int Csc = 0, HealthVisiting = 1, Schools = 2, Gp = 3, EarlyHelp = 4, Housing = 5, Police = 6, Camhs = 7;

    public static SampleAudit Audit { get; } = new(
        "neglect",
        "Neglect: multi-agency audit 2026",
        null,
        "neglect",
        GradeScales.GoodRequiresImprovement,
        18,
        [
            ("NEG-2026-01-C1", AgeBand.OneToFour), ("NEG-2026-01-C2", AgeBand.OneToFour), ("NEG-2026-01-C3", AgeBand.FiveToTen),
            ("NEG-2026-01-C4", AgeBand.FiveToTen), ("NEG-2026-01-C5", AgeBand.FiveToTen), ("NEG-2026-01-C6", AgeBand.FiveToTen),
            ("NEG-2026-01-C7", AgeBand.ElevenToFifteen), ("NEG-2026-01-C8", AgeBand.ElevenToFifteen),
        ],
        [
            new(AgencyType.ChildrensSocialCare, "Children's Social Care"),
            new(AgencyType.HealthVisiting, "Health visiting", [0, 1]),
            new(AgencyType.School, "Primary and secondary schools", [2, 3, 4, 5, 6, 7]),
            new(AgencyType.Gp, "GP practices"),
            new(AgencyType.EarlyHelp, "Early Help"),
            new(AgencyType.Housing, "Housing (district council)", [0, 3, 5, 6]),
            new(AgencyType.Police, "County Police", [2, 6, 7]),
            new(AgencyType.Camhs, "CAMHS", [6, 7]),
        ],
        [],
        [
            P(S(Schools, "School staff noticed the child arriving hungry and unwashed and recorded it the same day.")),
            In([2, 4, 6], S(Schools, "The designated safeguarding lead kept a clear chronology of concerns in school.")),
            P(S(HealthVisiting, "The health visitor used the graded care profile to evidence the home conditions.")),
            In([0, 1, 3, 5, 6], S(EarlyHelp, "The Early Help worker built a trusting relationship with the parents and the children.")),
            In([0, 1, 3], S(Gp, "The practice followed up missed immunisations and told the health visitor.")),
            P(S(Housing, "Housing officers reported the state of the property to children's social care and arranged repairs.")),
            In([0, 3, 5],
                S(Csc, "Housing and social care visited together and agreed one plan for the home."),
                S(Housing, "Joint visits with the social worker led to a shared plan for the property.")),
            P(S(Police, "Officers attending a call-out described the home conditions in their referral.")),
            P(S(Camhs, "CAMHS saw the young person quickly once the referral was accepted.")),
            In([1, 6], S(Csc, "The social worker saw the children on their own at most visits.")),
        ],
        [
            In([1, 2, 4, 5, 7],
                S(Csc, "Cases stayed at child in need for many months without the plan changing, so neglect drifted."),
                S(EarlyHelp, "The Early Help plan was reviewed again and again with the same actions and no step up.")),
            In([2, 3, 5, 6],
                S(Schools, "There was no multi-agency chronology, so each incident was seen on its own."),
                S(Csc, "No chronology was kept, so the pattern of neglect was missed.")),
            In([0, 1, 2, 4],
                S(Gp, "Missed health appointments were not followed up as possible neglect."),
                S(HealthVisiting, "When the child was not brought to appointments, this was not shared with social care.")),
            In([1, 3, 4, 7],
                S(Csc, "The neglect toolkit was not used to measure change."),
                S(EarlyHelp, "The graded care profile was not repeated to show whether things had improved.")),
            In([4, 6, 7],
                S(Schools, "The children's own views about home were not recorded."),
                S(Camhs, "The young person's account of life at home was not shared with the network.")),
            In([2, 5], S(Csc, "The impact of the mother's alcohol use on her care of the children was not assessed.")),
            In([6], S(Police, "Repeated call-outs to the home were not linked to the children's plan.")),
        ],
        [
            new(Csc, 0, "Use the graded care profile at the start and end of every child in need plan by September 2026."),
            new(Schools, 2, "Share attendance and hunger concerns with the allocated social worker each week."),
            new(Gp, 1, "Flag children not brought to appointments on the GP record."),
        ],
        ["good", "requires-improvement", "requires-improvement", "good", "requires-improvement", "requires-improvement", "good",
            "requires-improvement"],
        [
            new(Schools, "Schools noticed hunger and hygiene every day and recorded it", 6, Themes.Neglect),
            new(HealthVisiting, "Health visitors used the graded care profile well", 4, TagAgency: true),
            new(Housing, "Housing and social care worked together on the home", 3),
            new(EarlyHelp, "Trusting relationships with the families", 3, Themes.VoiceOfChild),
        ],
        [
            new(Csc, "Drift at child in need: the same plan and actions for months, with no change for the children", 7, Themes.Neglect),
            new(Schools, "No shared chronology across agencies", 5, Themes.Chronologies),
            new(Gp, "Missed appointments not treated as a sign of neglect", 4),
            new(Camhs, "Children's views about home were missing", 3, Themes.VoiceOfChild),
            new(EarlyHelp, "Stepping up to a child protection conference took too long", 2),
        ],
        false,
        [
            new("Review every child in need plan for neglect at six months, and step up where nothing has changed", Csc,
                new DateOnly(2026, 9, 30), "A dip sample shows 9 in 10 plans reviewed at six months with the decision recorded"),
            new("Introduce one shared multi-agency chronology for children on a neglect plan", -1, new DateOnly(2026, 12, 31),
                "Chronologies present in every neglect case in next year's audit"),
            new("Adopt a was-not-brought policy across GP practices, health visiting and school nursing", Gp, new DateOnly(2026, 10, 31),
                "Policy in place; an audit of 20 missed appointments finds the follow-up recorded"),
        ]);
}
