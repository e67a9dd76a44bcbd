using System.Collections.Immutable;
using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// Tags a finding with a theme from the partnership taxonomy when nobody tagged it, by the words it uses.
/// The first matching rule wins, so the more specific rules come first. A finding no rule matches is "Other".
/// </summary>
public static class ThemeInference
{
    /// <summary>The label of a finding that fits no theme of the taxonomy.</summary>
    public const string OtherLabel = "Other";

    private static readonly ImmutableArray<(string Theme, ImmutableArray<string> Cues)> Rules =
    [
        (Themes.OverOptimisticAssessment, ["optimis", "first explanation", "presents very appropriately", "took at face value"]),
        (Themes.DisguisedCompliance, ["disguised compliance", "taken as gospel", "self-report"]),
        (Themes.RespectfulUncertainty, ["respectful uncertainty"]),
        (Themes.WasNotBrought, ["was not brought", "were not brought", "not brought to", "missed appointment", "did not attend", " dna"]),
        (Themes.Exploitation, ["exploitation", " cse", " cce", "county lines", "missing episode", "went missing", "grooming",
            "contextual", "return home interview"]),
        (Themes.DomesticAbuse, ["domestic abuse", "domestic violence", "routine enquiry", "marac", "coercive", "idva"]),
        (Themes.FathersAndMales, ["father", "significant male", "non-birthing partner", "men ", "male carer", "mother's partner"]),
        (Themes.ParentalMentalHealth, ["parental mental health", "mother's mental health", "father's mental health",
            "maternal mental health", "perinatal mental", "parent's mental health"]),
        (Themes.SubstanceMisuse, ["substance", "alcohol", "drug use", "drug misuse", "cannabis"]),
        (Themes.Neglect, ["neglect", "home conditions", "graded care profile", "hygiene"]),
        (Themes.RightAgenciesAtMeetings, ["not invited", "were invited", "attendance", "represented", "seniority", "attended"]),
        (Themes.StrategyMeetingsAndMedicals, ["strategy", "medical", "skeletal", "paediatric", "section 47", "s47"]),
        (Themes.InformationSharing, ["information shar", "shared", "sharing", "communicat", "not told", "notified", "notification"]),
        (Themes.StepUpStepDown, ["step down", "step-down", "stepped down", "step up", "step-up", "stepped up", "early help"]),
        (Themes.SupervisionAndOversight, ["senior manager", "supervision", "oversight", "out of hours", "manager"]),
        (Themes.ChallengeAndEscalation, ["escalat", "challeng", "disagree"]),
        (Themes.Chronologies, ["chronolog", "history", "historic", "previous concerns"]),
        (Themes.VoiceOfChild, ["voice of the child", "child's voice", "lived experience", "voice", "wishes and feelings", "seen alone",
            "seen on their own", "disclos", "what the child said"]),
        (Themes.ThinkFamily, ["think family", "whole family", "siblings", "foster carer", "wider family"]),
        (Themes.ReferralsAndThresholds, ["referral", "threshold", "triage", "continuum of need", "mash", "front door"]),
        (Themes.PoliciesAndProcedures, ["procedure", "protocol", "policy", "policies", "guidance"]),
        (Themes.RecordingAndDecisions, ["record", "decision", "coding", "plan"]),
        (Themes.ProfessionalCuriosity, ["curiosity", "curious", "question", "open mind", "explored"]),
        (Themes.DisabledChildren, ["disab", "autis", "special educational needs", "non-verbal"]),
        (Themes.RaceCultureIdentity, ["culture", "cultural", "ethnic", "identity", "interpreter", "faith", "racism"]),
        (Themes.BabiesAndDevelopment, ["baby", "babies", "non-mobile", "development"]),
    ];

    /// <summary>The theme key the text most likely belongs to, or null when no rule matches.</summary>
    public static string? Infer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = " " + text.ToLowerInvariant() + " ";
        foreach (var (theme, cues) in Rules)
        {
            if (cues.Any(c => lower.Contains(c, StringComparison.Ordinal)))
            {
                return theme;
            }
        }

        return null;
    }

    /// <summary>The taxonomy's name of a theme key, or "Other" for a finding no theme fits.</summary>
    public static string DisplayName(string? themeKey) => Themes.Find(themeKey)?.DisplayName ?? OtherLabel;
}
