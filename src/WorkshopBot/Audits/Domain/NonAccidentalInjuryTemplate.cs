using static WorkshopBot.Audits.Domain.AgencyType;
using static WorkshopBot.Common.Themes;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// Injuries in non-mobile babies / non-accidental injury. Built from the questions and findings that partnerships
/// have published: identification and timely response, strategy meetings and CP medicals, information sharing
/// with GPs and between health organisations, fathers, and step-down.
/// </summary>
internal static class NonAccidentalInjuryTemplate
{
    public const string Key = "nai";

    public static QuestionTemplate Build() => new(
        Key,
        "Injuries in non-mobile babies / non-accidental injury",
        "How well agencies identify, respond to and work together on suspected non-accidental injury, "
        + "especially in babies who are not yet mobile.",
        new TemplateBuilder(Key)
            .Section("Identification and initial response")
            .Ask("Did your agency identify and report the risks of physical abuse at the earliest opportunity?",
                "Think about bruising or marks in a non-mobile baby and whether the local injuries protocol was triggered.",
                [ProfessionalCuriosity, ReferralsAndThresholds, BabiesAndDevelopment])
            .Ask("Was your agency's initial response to the physical abuse timely?", null,
                [ReferralsAndThresholds, RecordingAndDecisions])
            .Ask("Were policies and procedures followed correctly, including the local bruising and injuries protocol?", null,
                [PoliciesAndProcedures, BabiesAndDevelopment])
            .Ask("Was the explanation for the injury explored with curiosity rather than the first account accepted?",
                "Consider whether the family's presentation influenced professional views.",
                [ProfessionalCuriosity, RespectfulUncertainty, OverOptimisticAssessment])
            .Section("Strategy meeting and Child Protection medical")
            .Ask("Was there a strategy meeting? If not, why not?", null, [StrategyMeetingsAndMedicals])
            .Ask("Was your agency represented at the strategy meeting at a suitable level of seniority?", null,
                [RightAgenciesAtMeetings, StrategyMeetingsAndMedicals])
            .Ask("Was there a Child Protection medical for each incident? If not, why not?", null,
                [StrategyMeetingsAndMedicals], ChildrensSocialCare, Police, HospitalTrust)
            .Ask("Were the outcome and details of the Child Protection medical recorded in your agency's records?",
                "Note how long it took for the medical information to reach your agency.",
                [StrategyMeetingsAndMedicals, RecordingAndDecisions], ChildrensSocialCare, HospitalTrust, Gp, HealthVisiting)
            .Ask("Were delays in medical assessments, test results or second opinions challenged and escalated?", null,
                [ChallengeAndEscalation, StrategyMeetingsAndMedicals], ChildrensSocialCare, HospitalTrust)
            .Section("Information sharing and working together")
            .Ask("Was information shared promptly with every agency that needed it, including the GP and health visitor?", null,
                [InformationSharing])
            .Ask("Was information shared between hospital trusts and across local authority borders where the family "
                + "used more than one?", null, [InformationSharing])
            .Ask("Did your agency know whom to contact in other organisations, including how local health services are organised?",
                null, [InformationSharing])
            .Ask("Where professionals disagreed, was the disagreement challenged and escalated?", null,
                [ChallengeAndEscalation])
            .Section("The child and family")
            .Ask("Is the voice and lived experience of the baby or child evident in your agency's records?",
                "For a baby, this means observations of care, handling and interaction.",
                [VoiceOfChild, BabiesAndDevelopment])
            .Ask("Were fathers, non-birthing partners and significant males identified, seen and assessed?", null,
                [FathersAndMales])
            .Ask("Was domestic abuse asked about routinely and considered in the assessment?", null,
                [DomesticAbuse])
            .Ask("Were disguised compliance and an over-optimistic view of the family considered?", null,
                [DisguisedCompliance, OverOptimisticAssessment])
            .Section("Planning, step-down and oversight")
            .Ask("Was there a shared multi-agency plan with clear actions, rather than a single-agency plan?", null,
                [RecordingAndDecisions, ThinkFamily])
            .Ask("When the plan ended or the case stepped down, were next steps clear and support continued?", null,
                [StepUpStepDown])
            .Ask("Was there management oversight, including access to a senior manager out of hours when needed?", null,
                [SupervisionAndOversight])
            .EndWithSafety());
}
