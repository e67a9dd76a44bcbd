using static WorkshopBot.Audits.Domain.AgencyType;
using static WorkshopBot.Common.Themes;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>Domestic abuse: routine enquiry, testing self-report, MARAC information, fathers, safety planning.</summary>
internal static class DomesticAbuseTemplate
{
    public const string Key = "domestic-abuse";

    public static QuestionTemplate Build() => new(
        Key,
        "Domestic abuse",
        "How well agencies recognise domestic abuse and its impact on children and respond together.",
        new TemplateBuilder(Key)
            .Section("Recognition and assessment")
            .Ask("Was routine enquiry about domestic abuse carried out?", null,
                [DomesticAbuse, PoliciesAndProcedures], HealthVisiting, Midwifery, HospitalTrust, Gp)
            .Ask("Were parents' own accounts tested against other evidence rather than accepted as fact?", null,
                [DisguisedCompliance, OverOptimisticAssessment])
            .Ask("Was the impact of the adults' behaviour on the child considered, including the child's voice?", null,
                [VoiceOfChild, DomesticAbuse])
            .Ask("Were domestic abuse, parental mental health and substance misuse considered together?", null,
                [DomesticAbuse, ParentalMentalHealth, SubstanceMisuse])
            .Section("Multi-agency response")
            .Ask("Were MARAC information and actions shared with, and recorded by, your agency?", null,
                [InformationSharing, RecordingAndDecisions])
            .Ask("Were strategy and section 47 processes followed, with multi-agency meetings?", null,
                [StrategyMeetingsAndMedicals, PoliciesAndProcedures])
            .Ask("Were all the children in the household considered, including those at other schools?", null,
                [ThinkFamily])
            .Ask("Were absent fathers and the person causing harm identified, and engaged or assessed?", null,
                [FathersAndMales])
            .Ask("Did safety planning rely on real safeguarding measures rather than family agreements alone?", null,
                [RecordingAndDecisions])
            .Section("Oversight and learning")
            .Ask("Did supervision consider the impact of domestic abuse on the children?", null,
                [SupervisionAndOversight])
            .Ask("Had the practitioners involved received the domestic abuse training they need?", null,
                [PoliciesAndProcedures])
            .EndWithSafety());
}
