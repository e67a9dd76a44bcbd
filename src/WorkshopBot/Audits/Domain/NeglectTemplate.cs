using static WorkshopBot.Audits.Domain.AgencyType;
using static WorkshopBot.Common.Themes;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>Neglect: chronicity, developmental needs, parenting capacity, "was not brought", drift and escalation.</summary>
internal static class NeglectTemplate
{
    public const string Key = "neglect";

    public static QuestionTemplate Build() => new(
        Key,
        "Neglect",
        "How well agencies recognise the cumulative impact of neglect and act on it together.",
        new TemplateBuilder(Key)
            .Section("Recognising neglect")
            .Ask("Was the cumulative impact of neglect recognised, using a chronology rather than recording incidents in isolation?",
                null, [Neglect, Chronologies])
            .Ask("Was the local neglect assessment tool used?", null, [Neglect, PoliciesAndProcedures])
            .Ask("Were the child's developmental age and any disability considered?", null,
                [BabiesAndDevelopment, DisabledChildren])
            .Ask("Is the voice of the child recorded, and was its meaning considered when assessing risk?", null,
                [VoiceOfChild])
            .Section("Parents and family")
            .Ask("Was parenting capacity assessed, including parental mental health, substance misuse and learning needs?",
                null, [ParentalMentalHealth, SubstanceMisuse])
            .Ask("Was a think-family approach taken, including siblings and every adult in the household?", null,
                [ThinkFamily])
            .Ask("Were fathers and significant males engaged?", null, [FathersAndMales])
            .Section("Multi-agency response")
            .Ask("When the child was not brought to health appointments, was this followed up and escalated?", null,
                [WasNotBrought], Gp, HealthVisiting, HospitalTrust, Midwifery, Camhs, School)
            .Ask("Were injuries or disclosures investigated, and discussed with a paediatrician where needed?", null,
                [ProfessionalCuriosity, StrategyMeetingsAndMedicals])
            .Ask("Was there drift or delay? If so, was it challenged and escalated?", null, [ChallengeAndEscalation])
            .Ask("Did the right agencies, including early years settings, take part in meetings?", null,
                [RightAgenciesAtMeetings])
            .Ask("Was Early Help used effectively, and were step-up and step-down decisions timely?", null,
                [StepUpStepDown, ReferralsAndThresholds])
            .Ask("Did supervision consider the impact of long-standing neglect on how the case was managed?", null,
                [SupervisionAndOversight])
            .EndWithSafety());
}
