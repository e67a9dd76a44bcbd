using BenchmarkDotNet.Attributes;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Benchmarks;

/// <summary>
/// Composing a briefing for 15 cases x 10 agencies x 25 questions (a narrative line per question in each of good
/// practice, development and recommendations) with 200 poll items, and rendering the channel card.
/// Target: under 200 ms per compose; the card at most 28 KB.
/// </summary>
[MemoryDiagnoser]
public class BriefingComposeBenchmark
{
    private readonly BriefingComposer _composer =
        new(new BriefingComposerSettings("Contact the QA sub-group through the partnership's website."));
    private BriefingSource _source = null!;

    public static int CardBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _source = Build();
        var briefing = _composer.Compose(_source, new DateOnly(2026, 4, 14));
        CardBytes = AdaptiveCardJson.SerializeToUtf8Bytes(
            DiscussionCard.Posted(briefing, 1, new DateOnly(2026, 4, 20),
                "19:channel@thread.tacv2", "https://contoso.sharepoint.com/f.docx")).Length;
        Console.Error.WriteLine($"Posted card: {CardBytes} bytes; briefing: {briefing.WordCount} words");
    }

    [Benchmark]
    public Briefing Compose() => _composer.Compose(_source, new DateOnly(2026, 4, 14));

    [Benchmark]
    public int ComposeAndRenderCard() =>
        AdaptiveCardJson.SerializeToUtf8Bytes(
            DiscussionCard.Posted(
                _composer.Compose(_source, new DateOnly(2026, 4, 14)), 1, new DateOnly(2026, 4, 20), "19:c", null)).Length;

    private static BriefingSource Build()
    {
        var auditId = Guid.Parse("00000000-0000-0000-0000-00000000b16e");
        var cases = Enumerable.Range(1, 15).Select(i => $"NAI-2026-03-C{i}").ToList();
        var agencies = Enumerable.Range(1, 10).Select(i => $"Agency number {i}").ToList();
        string[] topics =
        [
            "information sharing with the GP", "strategy meeting attendance", "fathers seen and assessed", "chronology kept up to date",
            "management oversight out of hours", "voice of the baby in records", "step down to early help",
            "escalation of delayed medicals", "routine enquiry about domestic abuse", "recording of CP medical outcomes",
            "referral thresholds applied", "disguised compliance considered",
        ];
        string[] grades = ["outstanding", "good", "requires-improvement", "inadequate"];
        var returns = new List<ReturnLearning>();
        for (var c = 0; c < cases.Count; c++)
        {
            for (var a = 0; a < agencies.Count; a++)
            {
                string Lines(string prefix) => string.Join("\n", Enumerable.Range(0, 25).Select(q =>
                    $"{prefix} {topics[(c + a + q) % topics.Length]} in question {q + 1}, "
                    + "narrative of realistic length for an audit return."));
                returns.Add(new ReturnLearning(cases[c], $"agency-{a + 1}", agencies[a], Lines("Good practice:"), Lines("Development:"),
                    Lines("Recommend"), grades[(c + a) % 4]));
            }
        }

        var ideas = Enumerable.Range(0, 200).Select(i => new RankedIdea(
            $"Workshop idea {i}: {topics[i % topics.Length]} variant {i / topics.Length}",
            i % 2 == 0 ? IdeaBoardKind.WorkedWell : IdeaBoardKind.CouldImprove, (200 - i) % 17, i + 1, agencies[i % 10], null, null))
            .ToList();
        var judgements = cases.Select((c, i) => new MultiAgencyJudgement(auditId, c, grades[i % 4], grades[i % 4], "Ratified.", "chair",
            "Chair", DateTimeOffset.UnixEpoch)).ToList();
        return new BriefingSource(auditId, "Large audit", "Non-accidental injury", "nai",
            cases, agencies, "the last 12 months", new DateTimeOffset(2026, 4, 2, 10, 0, 0, TimeSpan.Zero), GradeScales.OfstedFourPoint,
            returns, ideas, judgements);
    }
}
