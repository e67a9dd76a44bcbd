using WorkshopBot.Audits.Domain;

namespace WorkshopBot.Tests.Briefings.SampleAudits;

/// <summary>An agency in a sample audit; <see cref="Cases"/> are the indexes of the cases it returns on (null: every case).</summary>
internal sealed record SampleAgency(AgencyType Type, string Name, IReadOnlyList<int>? Cases = null);

/// <summary>What one agency wrote, in its own words.</summary>
internal sealed record Said(int Agency, string Text);

/// <summary>
/// One finding as several agencies wrote it in their returns (each in its own words, so near-duplicates are real), in the
/// cases given by index (null: every case the agency returns on).
/// </summary>
internal sealed record SamplePoint(IReadOnlyList<Said> By, IReadOnlyList<int>? Cases = null);

/// <summary>A recommendation an agency typed into its return for one case.</summary>
internal sealed record ReturnRecommendation(int Agency, int Case, string Text);

/// <summary>An idea a representative adds at the workshop; <see cref="TagAgency"/> chooses their agency on the card.</summary>
internal sealed record SampleIdea(int Author, string Text, int Dots, string? Theme = null, bool TagAgency = false);

/// <summary>A recommendation the chair lists at the workshop; <see cref="Owner"/> -1 is the partnership.</summary>
internal sealed record SampleRecommendation(string Text, int Owner, DateOnly Target, string Measure);

/// <summary>A section of questions the chair wrote for the audit tool.</summary>
internal sealed record ChairSection(string Title, IReadOnlyList<string> Questions);

/// <summary>
/// A realistic multi-agency audit written for this project (made-up pseudonymous references, no names): its set-up, what
/// each agency wrote in its returns, its workshop's ideas and votes, the ratified grades and the partnership's
/// recommendations. <see cref="ThemeName"/> null keeps the template's theme (for the blank tool: "Blank", never renamed).
/// </summary>
internal sealed record SampleAudit(
    string Key,
    string Title,
    string? ThemeName,
    string TemplateKey,
    GradeScale Scale,
    int LookBackMonths,
    IReadOnlyList<(string Reference, AgeBand Age)> Cases,
    IReadOnlyList<SampleAgency> Agencies,
    IReadOnlyList<ChairSection> ChairSections,
    IReadOnlyList<SamplePoint> Strengths,
    IReadOnlyList<SamplePoint> Developments,
    IReadOnlyList<ReturnRecommendation> ReturnRecommendations,
    IReadOnlyList<string> CaseGrades,
    IReadOnlyList<SampleIdea> WorkedWellIdeas,
    IReadOnlyList<SampleIdea> CouldImproveIdeas,
    bool AnonymousImprovementBoard,
    IReadOnlyList<SampleRecommendation> Recommendations)
{
    public static IReadOnlyList<SampleAudit> All { get; } =
    [
        InjuriesToBabiesSample.Audit, NeglectSample.Audit, SexualExploitationSample.Audit, DomesticAbuseSample.Audit,
        SexualAbuseInTheFamilySample.Audit, AdolescentExploitationSample.Audit,
    ];

    public static SampleAudit Find(string key) => All.Single(a => a.Key == key);

    public bool Returns(int agency, int caseIndex) => Agencies[agency].Cases is not { } cases || cases.Contains(caseIndex);

    /// <summary>The lines an agency wrote for a case: each finding it made there, one per line.</summary>
    public string? Lines(IReadOnlyList<SamplePoint> points, int agency, int caseIndex)
    {
        var lines = points
            .Where(p => p.Cases is null || p.Cases.Contains(caseIndex))
            .SelectMany(p => p.By.Where(s => s.Agency == agency).Select(s => s.Text))
            .ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }
}

internal static class SampleText
{
    public static Said S(int agency, string text) => new(agency, text);

    public static SamplePoint P(params Said[] by) => new(by);

    public static SamplePoint In(int[] cases, params Said[] by) => new(by, cases);
}
