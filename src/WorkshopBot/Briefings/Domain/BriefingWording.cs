using System.Collections.Frozen;
using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// The fixed wording the composer draws on: why each audit theme matters, one practice message per theme and
/// the standard questions for a team's discussion. The chair can edit any of it in the briefing.
/// </summary>
public static class BriefingWording
{
    public const string AnonymisationNote =
        "All case details have been removed. Findings are reported across the cases audited; no child or family can be identified.";

    public static IReadOnlyList<string> StandardQuestions { get; } =
    [
        "What are your key thoughts and reflections on these findings?",
        "What would you do differently in your own practice?",
        "How will your team embed this learning, and how will you know it has made a difference?",
    ];

    private static readonly FrozenDictionary<string, string> WhyItMattersByTemplate = new Dictionary<string, string>
    {
        ["nai"] = "Babies who are not yet mobile rarely bruise or injure themselves: any injury needs a prompt, curious, "
            + "multi-agency response. Serious case reviews keep finding missed early signs, so follow the local protocol "
            + "for injuries in non-mobile babies every time.",
        ["neglect"] = "Neglect is the most common reason for a child protection plan, and its harm builds slowly. "
            + "Drift, delay and incidents seen in isolation hide the bigger picture; the local neglect toolkit helps to see it.",
        ["cse"] = "Children at risk of exploitation are often not seen as victims. Early identification, shared information "
            + "and the child's own voice are what protect them.",
        ["domestic-abuse"] = "Domestic abuse harms children who live with it, including babies. Routine enquiry, risk "
            + "assessment and work with both parents keep children and adult victims safer.",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> PracticeMessageByTheme = new Dictionary<string, string>
    {
        [Themes.VoiceOfChild] = "Record what the child's day is like: for a baby, observe care, handling and interaction.",
        [Themes.BabiesAndDevelopment] = "Treat any injury in a non-mobile baby as a safeguarding concern and follow the protocol.",
        [Themes.DisabledChildren] = "Do not let a child's disability explain away signs of harm; ask what the child is communicating.",
        [Themes.RaceCultureIdentity] = "Ask about and record the family's culture and identity, and how it shapes their experience "
            + "of services.",
        [Themes.FathersAndMales] = "Identify, see and assess fathers and significant males in every household, not only mothers.",
        [Themes.ThinkFamily] = "Think family: consider siblings, other adults and carers, not only the child in front of you.",
        [Themes.DomesticAbuse] = "Ask about domestic abuse routinely and record what you asked and what you were told.",
        [Themes.ParentalMentalHealth] = "Consider how a parent's mental health affects their care of the child, and share concerns.",
        [Themes.SubstanceMisuse] = "Ask about alcohol and drug use and its effect on the care of the child.",
        [Themes.Neglect] = "Use a chronology and the neglect toolkit so that slow-building harm is seen as a whole.",
        [Themes.Exploitation] = "Share concerns about exploitation early and treat the young person as a victim.",
        [Themes.ProfessionalCuriosity] = "Be professionally curious: check explanations against what you see and what others know.",
        [Themes.RespectfulUncertainty] = "Keep an open mind: respectful uncertainty means testing, not accepting, what you are told.",
        [Themes.DisguisedCompliance] = "Look for evidence of change, not only engagement: consider disguised compliance.",
        [Themes.OverOptimisticAssessment] = "Guard against over-optimistic assessment: base judgements on evidence of change.",
        [Themes.ChallengeAndEscalation] = "Challenge and escalate when you disagree or when delays put a child at risk; use the "
            + "escalation policy.",
        [Themes.Chronologies] = "Keep a chronology and read the history before you decide.",
        [Themes.WasNotBrought] = "When a child is not brought to an appointment, follow it up and share it: it may be a sign of neglect.",
        [Themes.RecordingAndDecisions] = "Record decisions, who made them and why, in the child's own record.",
        [Themes.InformationSharing] = "Share information promptly with every agency involved, including the GP and the health visitor.",
        [Themes.ReferralsAndThresholds] = "Refer when you are worried and check what happened to your referral.",
        [Themes.StrategyMeetingsAndMedicals] = "Make sure a strategy discussion and a Child Protection medical happen when they "
            + "should, and chase the outcome.",
        [Themes.RightAgenciesAtMeetings] = "Attend strategy meetings and conferences at the right level, and invite every agency "
            + "that knows the family.",
        [Themes.StepUpStepDown] = "When a case steps down, agree with the family and the next service what happens next.",
        [Themes.SupervisionAndOversight] = "Take complex cases to supervision, and know who to call out of hours.",
        [Themes.PoliciesAndProcedures] = "Know and follow the local safeguarding procedures for this theme.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Why this kind of audit matters, from its template; a general line for custom audit tools.</summary>
    public static string WhyItMatters(string templateKey, string themeName) =>
        WhyItMattersByTemplate.TryGetValue(templateKey, out var text)
            ? text
            : $"The partnership chose \"{themeName}\" because it matters to how well children are safeguarded locally. "
              + "Learning from real cases is how practice improves.";

    public static string? PracticeMessage(string? themeKey) =>
        themeKey is not null && PracticeMessageByTheme.TryGetValue(themeKey, out var message) ? message : null;

    /// <summary>A fourth question about the theme most in need of improvement.</summary>
    public static string ThemeQuestion(string themeKey) =>
        $"What does good practice on \"{ThemeInference.DisplayName(themeKey).ToLowerInvariant()}\" look like in your team, "
        + "and what gets in the way?";
}
