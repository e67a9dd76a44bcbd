using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// Tags a finding with a theme from the partnership taxonomy when nobody tagged it, by the words it uses.
/// The first matching rule wins, so the more specific rules come first.
/// </summary>
public static class ThemeInference
{
    private static readonly (string Theme, string[] Cues)[] Rules =
    [
        (Themes.OverOptimisticAssessment, ["optimis", "first explanation", "presents very appropriately"]),
        (Themes.DisguisedCompliance, ["disguised compliance", "taken as gospel", "self-report"]),
        (Themes.FathersAndMales, ["father", "significant male", "non-birthing partner", "men "]),
        (Themes.StrategyMeetingsAndMedicals, ["strategy", "medical", "cp medical", "skeletal", "paediatric"]),
        (Themes.InformationSharing, ["information shar", "shared", "sharing", "communicat"]),
        (Themes.StepUpStepDown, ["step down", "step-down", "stepped down", "step up", "step-up"]),
        (Themes.SupervisionAndOversight, ["senior manager", "supervision", "oversight", "out of hours", "manager"]),
        (Themes.ChallengeAndEscalation, ["escalat", "challeng", "disagree"]),
        (Themes.Chronologies, ["chronolog", "history", "historic"]),
        (Themes.WasNotBrought, ["was not brought", "missed appointment", "did not attend", "not attending"]),
        (Themes.VoiceOfChild, ["voice of the child", "child's voice", "lived experience", "voice"]),
        (Themes.DomesticAbuse, ["domestic abuse", "domestic violence", "routine enquiry"]),
        (Themes.ParentalMentalHealth, ["mental health"]),
        (Themes.SubstanceMisuse, ["substance", "alcohol", "drug"]),
        (Themes.Exploitation, ["exploitation", "cse", "missing"]),
        (Themes.Neglect, ["neglect"]),
        (Themes.ThinkFamily, ["think family", "whole family", "siblings", "foster carer"]),
        (Themes.RightAgenciesAtMeetings, ["attendance", "represented", "seniority"]),
        (Themes.ReferralsAndThresholds, ["referral", "threshold", "triage", "continuum of need"]),
        (Themes.PoliciesAndProcedures, ["procedure", "protocol", "policy", "policies"]),
        (Themes.RecordingAndDecisions, ["record", "decision", "coding", "plan"]),
        (Themes.ProfessionalCuriosity, ["curiosity", "curious", "question", "open mind"]),
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

    /// <summary>The display name of a theme key, or "General practice" for an untagged finding.</summary>
    public static string DisplayName(string? themeKey) => Themes.Find(themeKey)?.DisplayName ?? "General practice";
}
