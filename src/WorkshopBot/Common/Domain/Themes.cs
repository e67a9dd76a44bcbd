namespace WorkshopBot.Common;

/// <summary>The theme taxonomy. Keys are stable; display names may be reworded.</summary>
public static class Themes
{
    public const string VoiceOfChild = "voice-of-child";
    public const string BabiesAndDevelopment = "babies-and-development";
    public const string DisabledChildren = "disabled-children";
    public const string RaceCultureIdentity = "race-culture-identity";
    public const string FathersAndMales = "fathers-and-males";
    public const string ThinkFamily = "think-family";
    public const string DomesticAbuse = "domestic-abuse";
    public const string ParentalMentalHealth = "parental-mental-health";
    public const string SubstanceMisuse = "substance-misuse";
    public const string Neglect = "neglect";
    public const string Exploitation = "exploitation";
    public const string ProfessionalCuriosity = "professional-curiosity";
    public const string RespectfulUncertainty = "respectful-uncertainty";
    public const string DisguisedCompliance = "disguised-compliance";
    public const string OverOptimisticAssessment = "over-optimistic-assessment";
    public const string ChallengeAndEscalation = "challenge-and-escalation";
    public const string Chronologies = "chronologies";
    public const string WasNotBrought = "was-not-brought";
    public const string RecordingAndDecisions = "recording-and-decisions";
    public const string InformationSharing = "information-sharing";
    public const string ReferralsAndThresholds = "referrals-and-thresholds";
    public const string StrategyMeetingsAndMedicals = "strategy-meetings-and-medicals";
    public const string RightAgenciesAtMeetings = "right-agencies-at-meetings";
    public const string StepUpStepDown = "step-up-step-down";
    public const string SupervisionAndOversight = "supervision-and-oversight";
    public const string PoliciesAndProcedures = "policies-and-procedures";

    public static IReadOnlyList<Theme> All { get; } =
    [
        new(VoiceOfChild, "Voice and lived experience of the child", ThemeGroup.ChildFocus),
        new(BabiesAndDevelopment, "Vulnerability of babies and child development", ThemeGroup.ChildFocus),
        new(DisabledChildren, "Disabled children", ThemeGroup.ChildFocus),
        new(RaceCultureIdentity, "Race, culture and identity", ThemeGroup.ChildFocus),
        new(FathersAndMales, "Engaging fathers and significant males", ThemeGroup.FamilyAndRisk),
        new(ThinkFamily, "Think family / whole family", ThemeGroup.FamilyAndRisk),
        new(DomesticAbuse, "Domestic abuse", ThemeGroup.FamilyAndRisk),
        new(ParentalMentalHealth, "Parental mental health", ThemeGroup.FamilyAndRisk),
        new(SubstanceMisuse, "Substance misuse", ThemeGroup.FamilyAndRisk),
        new(Neglect, "Neglect", ThemeGroup.FamilyAndRisk),
        new(Exploitation, "Harm outside the home and exploitation", ThemeGroup.FamilyAndRisk),
        new(ProfessionalCuriosity, "Professional curiosity", ThemeGroup.Practice),
        new(RespectfulUncertainty, "Respectful uncertainty", ThemeGroup.Practice),
        new(DisguisedCompliance, "Disguised compliance", ThemeGroup.Practice),
        new(OverOptimisticAssessment, "Over-optimistic assessment", ThemeGroup.Practice),
        new(ChallengeAndEscalation, "Challenge and escalation", ThemeGroup.Practice),
        new(Chronologies, "Chronologies and use of history", ThemeGroup.Practice),
        new(WasNotBrought, "\"Was not brought\" and missed appointments", ThemeGroup.Practice),
        new(RecordingAndDecisions, "Recording and decision-making", ThemeGroup.Practice),
        new(InformationSharing, "Information sharing", ThemeGroup.MultiAgencySystem),
        new(ReferralsAndThresholds, "Referrals and thresholds", ThemeGroup.MultiAgencySystem),
        new(StrategyMeetingsAndMedicals, "Strategy meetings and CP medicals", ThemeGroup.MultiAgencySystem),
        new(RightAgenciesAtMeetings, "The right agencies at meetings", ThemeGroup.MultiAgencySystem),
        new(StepUpStepDown, "Step-up and step-down", ThemeGroup.MultiAgencySystem),
        new(SupervisionAndOversight, "Supervision and management oversight", ThemeGroup.MultiAgencySystem),
        new(PoliciesAndProcedures, "Policies and procedures followed", ThemeGroup.MultiAgencySystem),
    ];

    public static Theme? Find(string? key) =>
        All.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal));

    public static bool IsKnown(string? key) => Find(key) is not null;
}
