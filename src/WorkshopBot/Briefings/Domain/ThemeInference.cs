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
        (Themes.OverOptimisticAssessment, ["optimis", "first explanation", "presents very appropriately", "at face value",
            "too readily"]),
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
        (Themes.StepUpStepDown, ["step down", "step-down", "stepped down", "stepping down", "step up", "step-up", "stepped up",
            "stepping up", "early help"]),
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
            if (cues.Any(c => StartsAWord(lower, c)))
            {
                return theme;
            }
        }

        return null;
    }

    /// <summary>Every theme whose cues the text uses, in the rules' order (a finding can touch several).</summary>
    public static IReadOnlyList<string> Candidates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = " " + text.ToLowerInvariant() + " ";
        return Rules.Where(r => r.Cues.Any(c => StartsAWord(lower, c))).Select(r => r.Theme).ToList();
    }

    // A cue is the start of a word ("record" in "recorded"), never the inside of one ("plan" in "explanation").
    private static bool StartsAWord(string text, string cue)
    {
        for (var at = text.IndexOf(cue, StringComparison.Ordinal); at >= 0; at = text.IndexOf(cue, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || !char.IsLetter(cue[0]) || !char.IsLetter(text[at - 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The taxonomy's name of a theme key, or "Other" for a finding no theme fits.</summary>
    public static string DisplayName(string? themeKey) => Themes.Find(themeKey)?.DisplayName ?? OtherLabel;
}
