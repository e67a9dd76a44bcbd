using System.Collections.Frozen;
using System.Collections.Immutable;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using static WorkshopBot.Audits.Domain.AgeBand;

namespace WorkshopBot.Briefings.Domain;

/// <summary>One practice message and the ages of children it is written for.</summary>
public sealed record PracticeMessage(string Text, IReadOnlyList<AgeBand> Fits)
{
    public bool FitsAny(IEnumerable<AgeBand> bands) => bands.Any(Fits.Contains);
}

/// <summary>
/// The practice messages of the "What can you do now?" box: one or more per theme of the taxonomy and per audit topic,
/// each written for some ages (a message about non-mobile babies is never given to an audit of children aged 1 to 15).
/// Chosen by the themes the audit found most in need of improvement, then the audit's topic, for the ages of its cases.
/// </summary>
public static class PracticeMessages
{
    private static readonly ImmutableArray<AgeBand> Every = [Under1, OneToFour, FiveToTen, ElevenToFifteen, SixteenToSeventeen];
    private static readonly ImmutableArray<AgeBand> Babies = [Under1];
    private static readonly ImmutableArray<AgeBand> UnderFive = [Under1, OneToFour];
    private static readonly ImmutableArray<AgeBand> UnderEleven = [Under1, OneToFour, FiveToTen];
    private static readonly ImmutableArray<AgeBand> OverOne = [OneToFour, FiveToTen, ElevenToFifteen, SixteenToSeventeen];
    private static readonly ImmutableArray<AgeBand> SchoolAge = [FiveToTen, ElevenToFifteen, SixteenToSeventeen];
    private static readonly ImmutableArray<AgeBand> Teenagers = [ElevenToFifteen, SixteenToSeventeen];

    private static readonly FrozenDictionary<string, ImmutableArray<PracticeMessage>> ByTheme =
        new Dictionary<string, ImmutableArray<PracticeMessage>>
    {
        [Themes.VoiceOfChild] =
        [
            new("For a baby, the voice of the child is what you see: record their care, handling and how they respond to their carers.",
                Babies),
            new("Observe young children at play and with their carers, and record what their day is like.", [OneToFour]),
            new("See children on their own, ask what life is like for them and record it in their own words.", SchoolAge),
        ],
        [Themes.BabiesAndDevelopment] =
        [
            new("Treat any bruise or injury in a baby who is not yet mobile as a safeguarding concern and follow the local protocol.",
                Babies),
            new("Weigh what you see against the child's age and development: what they can do, say and understand.", OverOne),
        ],
        [Themes.DisabledChildren] =
            [new("Do not let a child's disability explain away signs of harm; find out how the child communicates.", Every)],
        [Themes.RaceCultureIdentity] =
            [new("Ask about and record the family's culture and identity, and how it shapes their experience of services.", Every)],
        [Themes.FathersAndMales] =
            [new("Identify, see and assess fathers and significant males in every household, not only mothers.", Every)],
        [Themes.ThinkFamily] =
            [new("Think family: consider siblings, other adults and carers, not only the child in front of you.", Every)],
        [Themes.DomesticAbuse] =
            [new("Ask about domestic abuse routinely, and record what you asked, what you were told and what you did.", Every)],
        [Themes.ParentalMentalHealth] =
            [new("Consider how a parent's mental health affects their care of the child, and share your concerns.", Every)],
        [Themes.SubstanceMisuse] = [new("Ask about alcohol and drug use and its effect on the care of the child.", Every)],
        [Themes.Neglect] = [new("Use a chronology and the neglect toolkit so that slow-building harm is seen as a whole.", Every)],
        [Themes.Exploitation] =
        [
            new("Share concerns about exploitation early, and treat the young person as a victim, not as making choices.", Teenagers),
            new("Notice signs of grooming in younger children, online and in the community, and share them early.", [FiveToTen]),
        ],
        [Themes.ProfessionalCuriosity] =
            [new("Be professionally curious: check explanations against what you see and what others know.", Every)],
        [Themes.RespectfulUncertainty] =
            [new("Keep an open mind: respectful uncertainty means testing, not accepting, what you are told.", Every)],
        [Themes.DisguisedCompliance] =
            [new("Look for evidence of change, not only engagement: consider disguised compliance.", Every)],
        [Themes.OverOptimisticAssessment] =
            [new("Guard against over-optimistic assessment: base judgements on evidence of change.", Every)],
        [Themes.ChallengeAndEscalation] =
            [new("Challenge and escalate when you disagree or when delay puts a child at risk; use the escalation policy.", Every)],
        [Themes.Chronologies] = [new("Keep a chronology and read the history before you decide.", Every)],
        [Themes.WasNotBrought] =
        [
            new("When a child is not brought to an appointment, follow it up and share it: it may be a sign of neglect.", UnderEleven),
            new("When a young person misses appointments, find out why and who should have helped them to attend.", Teenagers),
        ],
        [Themes.RecordingAndDecisions] = [new("Record decisions, who made them and why, in the child's own record.", Every)],
        [Themes.InformationSharing] =
        [
            new("Share information promptly with every agency involved, including the GP and the health visitor.", UnderFive),
            new("Share information promptly with every agency involved, including the GP and the school.", SchoolAge),
        ],
        [Themes.ReferralsAndThresholds] = [new("Refer when you are worried, and check what happened to your referral.", Every)],
        [Themes.StrategyMeetingsAndMedicals] =
            [new("Make sure a strategy discussion and, where needed, a CP medical happen when they should, and chase the outcome.", Every)],
        [Themes.RightAgenciesAtMeetings] =
            [new("Attend strategy meetings and conferences at the right level, and invite every agency that knows the family.", Every)],
        [Themes.StepUpStepDown] =
            [new("When a case steps down, agree with the family and the next service what happens next.", Every)],
        [Themes.SupervisionAndOversight] =
            [new("Take complex cases to supervision, and know who to call out of hours.", Every)],
        [Themes.PoliciesAndProcedures] = [new("Know and follow the local safeguarding procedures for this theme.", Every)],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<AuditTopic, ImmutableArray<PracticeMessage>> ByTopic =
        new Dictionary<AuditTopic, ImmutableArray<PracticeMessage>>
    {
        [AuditTopic.InjuriesToBabies] =
        [
            new("Any bruise or injury in a baby who is not yet mobile needs a referral to children's social care and a CP medical.",
                Babies),
            new("An injury that does not fit the explanation or the child's development needs a strategy discussion.", OverOne),
        ],
        [AuditTopic.Neglect] =
            [new("Look at the child's daily experience over time, not single incidents: neglect builds slowly.", Every)],
        [AuditTopic.SexualExploitation] =
        [
            new("When a young person goes missing or has new older friends, money or phones, complete the exploitation screening "
                + "tool and share it the same day.", Teenagers),
        ],
        [AuditTopic.DomesticAbuse] =
        [
            new("Babies and young children are harmed by living with domestic abuse: ask about it at every contact.", UnderFive),
            new("Children living with domestic abuse are victims in their own right: ask them what it is like at home.", SchoolAge),
        ],
        [AuditTopic.SexualAbuseInTheFamily] =
        [
            new("Children rarely tell all at once: notice changes in behaviour, record their exact words and refer the same day.",
                OverOne),
        ],
        [AuditTopic.AdolescentExploitation] =
        [
            new("See the young person, not the behaviour: missing episodes, new friends, money or arrests can be signs of "
                + "criminal exploitation.", Teenagers),
            new("Plan the move to adult services well before a young person turns 18.", [SixteenToSeventeen]),
        ],
    }.ToFrozenDictionary();

    /// <summary>Every message, for checks that a briefing gives only messages that fit its cases.</summary>
    public static IReadOnlyList<PracticeMessage> All { get; } =
        [.. ByTheme.Values.SelectMany(m => m), .. ByTopic.Values.SelectMany(m => m)];

    public static PracticeMessage? Find(string text) => All.FirstOrDefault(m => string.Equals(m.Text, text, StringComparison.Ordinal));

    /// <summary>
    /// Up to <paramref name="max"/> messages: the top themes' first, the topic's after the first theme, then professional
    /// curiosity and local procedures; each the variant written for most of the audited children (<paramref name="caseAges"/>
    /// has one entry per case).
    /// </summary>
    public static IReadOnlyList<string> Choose(
        IReadOnlyList<string> topThemes, AuditTopic topic, IReadOnlyList<AgeBand> caseAges, int max)
    {
        ArgumentNullException.ThrowIfNull(topThemes);
        ArgumentNullException.ThrowIfNull(caseAges);
        var ages = caseAges.Count == 0 ? CaseAges.Unknown : caseAges;
        var themed = topThemes
            .Select(t => Best(ByTheme.TryGetValue(t, out var variants) ? variants : [], ages))
            .OfType<PracticeMessage>()
            .ToList();
        var topical = (ByTopic.TryGetValue(topic, out var forTopic) ? forTopic : []).Where(m => m.FitsAny(ages)).ToList();
        var ordered = themed.Take(1).Concat(topical.Take(1)).Concat(themed.Skip(1)).Concat(topical.Skip(1))
            .Concat([Best(ByTheme[Themes.ProfessionalCuriosity], ages)!, Best(ByTheme[Themes.PoliciesAndProcedures], ages)!]);
        return ordered.Select(m => m.Text).Distinct(StringComparer.Ordinal).Take(max).ToList();
    }

    // The variant written for the most audited children; none when no variant fits any of them.
    private static PracticeMessage? Best(ImmutableArray<PracticeMessage> variants, IReadOnlyList<AgeBand> ages) =>
        variants
            .Select(m => (Message: m, Cases: ages.Count(m.Fits.Contains)))
            .Where(m => m.Cases > 0)
            .OrderByDescending(m => m.Cases)
            .Select(m => m.Message)
            .FirstOrDefault();
}
