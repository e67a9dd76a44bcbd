using System.Collections.Immutable;
namespace WorkshopBot.Briefings.Domain;

/// <summary>What an audit is about, as far as the briefing's fixed wording goes (why it matters, practice messages).</summary>
public enum AuditTopic
{
    Other,
    InjuriesToBabies,
    Neglect,
    SexualExploitation,
    DomesticAbuse,
    SexualAbuseInTheFamily,
    AdolescentExploitation,
}

/// <summary>The topic from the audit tool's template, or for a blank or edited tool from the words of its theme and title.</summary>
public static class AuditTopics
{
    // The first rule whose every word group matches wins; more specific rules come first.
    private static readonly ImmutableArray<(AuditTopic Topic, string[][] Cues)> Rules =
    [
        (AuditTopic.SexualAbuseInTheFamily, [["sexual abuse", " csa "], ["family", "familial", "household", "sibling"]]),
        (AuditTopic.SexualExploitation, [["sexual exploitation", " cse "]]),
        (AuditTopic.AdolescentExploitation,
            [["criminal exploitation", "county lines", "adolescen", "extra-familial", "exploitation", "contextual", "missing"]]),
        (AuditTopic.InjuriesToBabies, [["injur", "bruis", " nai ", "non-mobile", "abusive head"]]),
        (AuditTopic.DomesticAbuse, [["domestic"]]),
        (AuditTopic.Neglect, [["neglect"]]),
    ];

    public static AuditTopic Of(string templateKey, string themeName, string title)
    {
        var byTemplate = templateKey switch
        {
            "nai" => AuditTopic.InjuriesToBabies,
            "neglect" => AuditTopic.Neglect,
            "cse" => AuditTopic.SexualExploitation,
            "domestic-abuse" => AuditTopic.DomesticAbuse,
            _ => AuditTopic.Other,
        };
        var words = " " + string.Concat($"{themeName} {title}".ToLowerInvariant()
            .Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : ' ')) + " ";
        var byWords = Rules.FirstOrDefault(r => r.Cues.All(group => group.Any(c => words.Contains(c, StringComparison.Ordinal)))).Topic;

        // A template audit renamed for a narrower theme ("Adolescents at risk of exploitation" on the CSE tool) reads as its theme.
        return byWords != AuditTopic.Other ? byWords : byTemplate;
    }
}
