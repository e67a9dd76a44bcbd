using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// Briefing sources built from the seed documents (Lancashire's 15-case NAI audit, Merton's one-case workshop)
/// and a large synthetic one. Pseudonymous case references and made-up people only.
/// </summary>
internal static class BriefingFixtures
{
    public static readonly DateOnly PublicationDate = new(2026, 4, 14);
    public static readonly DateTimeOffset Workshop = new(2026, 4, 2, 10, 0, 0, TimeSpan.Zero);
    public static readonly BriefingComposer Composer =
        new(new BriefingComposerSettings("Contact the QA sub-group through the partnership's website."));

    public static BriefingSource Lancashire()
    {
        var auditId = Guid.Parse("00000000-0000-0000-0000-00000000c015");
        var cases = Enumerable.Range(1, 15).Select(i => $"NAI-2026-03-C{i}").ToList();
        string[] agencies = ["Children's Social Care", "Police", "Health visiting", "GP", "School"];
        // Ratified at the multi-agency meeting: 0 outstanding, 5 good, 6 requires improvement, 4 inadequate.
        var grades = Enumerable.Repeat("good", 5).Concat(Enumerable.Repeat("requires-improvement", 6))
            .Concat(Enumerable.Repeat("inadequate", 4)).ToList();
        var judgements = cases.Select((c, i) => new MultiAgencyJudgement(auditId, c, grades[i],
            GradeScales.OfstedFourPoint.FindLevel(grades[i])!.Label,
            "Ratified at the auditor meeting.", "chair-oid", "QA Chair", Workshop)).ToList();
        var returns = new List<ReturnLearning>();
        for (var c = 0; c < cases.Count; c++)
        {
            for (var a = 0; a < agencies.Length; a++)
            {
                returns.Add(new ReturnLearning(cases[c], $"agency-{a + 1}", agencies[a],
                    a == 1 ? "Swift response to the injury: the child was safeguarded promptly and effectively."
                    : c % 3 == 0 ? "Agencies shared information and responded in a timely fashion."
                    : null,
                    a == 3 ? "Information was not shared with the GP during the investigation."
                    : a == 0 ? "Child Protection medical information was recorded inconsistently."
                    : "Step down to early help was not timely.",
                    a == 0 && c == 0 ? "Review how Child Protection medical outcomes are recorded by June 2026."
                    : a == 3 && c == 0 ? "Agree a process for sharing CP medical details with GPs."
                    : null,
                    grades[c]));
            }
        }

        return new BriefingSource(auditId, "NAI audit", "Non-accidental injury", "nai",
            cases, agencies, "the last 12 months", Workshop, GradeScales.OfstedFourPoint, returns, [], judgements);
    }

    public static BriefingSource Merton()
    {
        var auditId = Guid.Parse("00000000-0000-0000-0000-0000000000e1");
        string[] agencies =
            ["Children's Social Care", "Police", "CLCH health visiting", "Kingston Hospital", "Epsom and St Helier Hospital"];
        var ideas = new List<RankedIdea>
        {
            new("Agencies acted promptly to safeguard the children; good inter-agency working and information sharing",
                IdeaBoardKind.WorkedWell, 9, 1, "Police", Themes.InformationSharing, "MER-2026-01-C1"),
            new("Collaborative working with the family, including the father",
                IdeaBoardKind.WorkedWell, 6, 2, "Children's Social Care", Themes.FathersAndMales, null),
            new("Procedures followed, including routine enquiry for domestic abuse",
                IdeaBoardKind.WorkedWell, 4, 3, "Kingston Hospital", Themes.DomesticAbuse, null),
            new("Availability of senior managers out of hours delayed safeguarding",
                IdeaBoardKind.CouldImprove, 8, 1, "Children's Social Care", null, null),
            new("Quicker sharing of police interview notes and health records across two hospital trusts",
                IdeaBoardKind.CouldImprove, 7, 2, "Police", null, null),
            new("Keep an open mind about disguised compliance", IdeaBoardKind.CouldImprove, 5, 3, null, Themes.DisguisedCompliance, null),
            new("Rule of optimism may have led to missed opportunities", IdeaBoardKind.CouldImprove, 3, 4, null, null, null),
        };
        var returns = new List<ReturnLearning>
        {
            new("MER-2026-01-C1", "agency-1", agencies[0], "Agencies acted promptly to safeguard the children, good inter-agency working",
                "Senior managers were not available out of hours", "Set a clear out-of-hours escalation process by September 2026", "good"),
            new("MER-2026-01-C1", "agency-4", agencies[3], "Good assessment and routine enquiry for domestic abuse", null, null, "good"),
        };
        return new BriefingSource(auditId, "NAI audit Merton", "Non-accidental injury", "nai",
            ["MER-2026-01-C1"], agencies, "the last 12 months", Workshop, GradeScales.OfstedFourPoint, returns, ideas,
            [new MultiAgencyJudgement(auditId, "MER-2026-01-C1", "good", "Good", "Swift multi-agency response.", "chair-oid", "QA Chair",
                Workshop)]);
    }

    /// <summary>15 cases x 10 agencies x 25 questions' worth of returns with long narratives, and 200 poll items.</summary>
    public static BriefingSource Large(int cases = 15, int agencies = 10, int pollItems = 200)
    {
        var auditId = Guid.Parse("00000000-0000-0000-0000-00000000b16e");
        var caseRefs = Enumerable.Range(1, cases).Select(i => $"NAI-2026-03-C{i}").ToList();
        var agencyNames = Enumerable.Range(1, agencies).Select(i => $"Agency number {i} with a long partnership name").ToList();
        string[] topics =
        [
            "information sharing with the GP", "strategy meeting attendance", "fathers seen and assessed", "chronology kept up to date",
            "management oversight out of hours", "voice of the baby in records", "step down to early help",
            "escalation of delayed medicals", "routine enquiry about domestic abuse", "recording of CP medical outcomes",
            "referral thresholds applied", "disguised compliance considered",
        ];
        string[] grades = ["outstanding", "good", "requires-improvement", "inadequate"];
        var returns = new List<ReturnLearning>();
        for (var c = 0; c < cases; c++)
        {
            for (var a = 0; a < agencies; a++)
            {
                string Lines(string prefix) => string.Join("\n", Enumerable.Range(0, 25).Select(q =>
                    $"{prefix} {topics[(c + a + q) % topics.Length]} in question {q + 1}, "
                    + "with a narrative long enough to be realistic for an audit return."));
                returns.Add(new ReturnLearning(caseRefs[c], $"agency-{a + 1}", agencyNames[a], Lines("Good practice:"),
                    Lines("Development:"),
                    Lines("Recommend improving"), grades[(c + a) % 4]));
            }
        }

        var ideas = Enumerable.Range(0, pollItems).Select(i => new RankedIdea(
            $"Workshop idea {i}: {topics[i % topics.Length]} variant {i / topics.Length}",
            i % 2 == 0 ? IdeaBoardKind.WorkedWell : IdeaBoardKind.CouldImprove, (pollItems - i) % 17, i + 1,
            agencyNames[i % agencies], i % 3 == 0 ? Themes.InformationSharing : null, caseRefs[i % cases])).ToList();
        var judgements = caseRefs.Select((c, i) =>
            new MultiAgencyJudgement(auditId, c, grades[i % 4], grades[i % 4], "Ratified.", "chair-oid", "QA Chair", Workshop)).ToList();
        return new BriefingSource(auditId, "Large audit", "Non-accidental injury", "nai",
            caseRefs, agencyNames, "the last 12 months", Workshop, GradeScales.OfstedFourPoint, returns, ideas, judgements);
    }
}
