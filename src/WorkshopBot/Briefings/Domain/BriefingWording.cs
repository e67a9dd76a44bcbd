using System.Collections.Frozen;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// The fixed wording the composer draws on: why each audit topic matters and the standard questions for a team's
/// discussion (the practice messages are in <see cref="PracticeMessages"/>). The chair can edit any of it in the briefing.
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

    private static readonly FrozenDictionary<AuditTopic, string> WhyItMattersByTopic = new Dictionary<AuditTopic, string>
    {
        [AuditTopic.InjuriesToBabies] = "Babies who are not yet mobile rarely bruise or injure themselves: any injury needs a prompt, "
            + "curious, multi-agency response. Reviews keep finding missed early signs, so follow the local protocol for injuries "
            + "in non-mobile babies every time.",
        [AuditTopic.Neglect] = "Neglect is the most common reason for a child protection plan, and its harm builds slowly. "
            + "Drift, delay and incidents seen in isolation hide the bigger picture; the local neglect toolkit helps to see it.",
        [AuditTopic.SexualExploitation] = "Children at risk of sexual exploitation are often not seen as victims. Early "
            + "identification, shared information and the child's own voice are what protect them.",
        [AuditTopic.DomesticAbuse] = "Domestic abuse harms children who live with it, including babies, and children are victims "
            + "in their own right. Routine enquiry, risk assessment and work with both parents keep children and adult victims safer.",
        [AuditTopic.SexualAbuseInTheFamily] = "Much child sexual abuse happens within the family and is rarely disclosed at the "
            + "time. Children often show rather than tell: professionals need the confidence to notice, ask and act, and to keep "
            + "the child safe while the facts are established.",
        [AuditTopic.AdolescentExploitation] = "Young people drawn into criminal exploitation and county lines are children at risk "
            + "of harm, not offenders by choice. The harm comes from outside the home, so agencies need to work together with the "
            + "young person, their family and the places where they spend their time.",
    }.ToFrozenDictionary();

    private const string PhysicalInjury = "An injury that does not fit the explanation, the child's development or what others "
        + "know needs a prompt, curious, multi-agency response: reviews keep finding early signs that were missed.";

    /// <summary>Why this audit matters, from its topic; a plain line for a topic the wording does not know.</summary>
    public static string WhyItMatters(AuditTopic topic, bool hasBabies) =>
        topic == AuditTopic.InjuriesToBabies && !hasBabies ? PhysicalInjury
        : WhyItMattersByTopic.TryGetValue(topic, out var text) ? text
        : "The partnership chose this theme to test how well agencies work together to keep children safe, and to share what "
          + "the cases teach all of us.";

    /// <summary>A fourth question about the theme most in need of improvement.</summary>
    public static string ThemeQuestion(string themeKey) =>
        $"What does good practice on \"{BriefingText.LowerFirst(ThemeInference.DisplayName(themeKey))}\" look like in your team, "
        + "and what gets in the way?";
}
