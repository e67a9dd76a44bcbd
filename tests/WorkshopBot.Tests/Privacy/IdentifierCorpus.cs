using System.Globalization;
using System.Text;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common.Privacy;
using Xunit.Abstractions;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// Runs the project's own labelled corpus (Privacy/Corpus, see its README): every must-flag snippet must be
/// flagged with the category's kind over each marked span (100% recall) and at most 2% of the must-not-flag
/// snippets may draw any finding. Prints the figures per category.
/// </summary>
public sealed class IdentifierCorpus(ITestOutputHelper output)
{
    private const double MaxFalsePositiveRate = 0.02;

    private static readonly Dictionary<string, IdentifierKind?> Categories = new(StringComparer.Ordinal)
    {
        ["names"] = IdentifierKind.PersonName,
        ["dates"] = IdentifierKind.DateOfBirth,
        ["nhs-numbers"] = IdentifierKind.NhsNumber,
        ["postcodes"] = IdentifierKind.Postcode,
        ["street-addresses"] = IdentifierKind.StreetAddress,
        ["phone-numbers"] = IdentifierKind.PhoneNumber,
        ["emails"] = IdentifierKind.Email,
        ["case-references"] = null,
    };

    [Fact]
    public void CatchesEveryMustFlagSnippetWithAtMostTwoPercentFalsePositives()
    {
        var scanner = new IdentifierScanner();
        var results = Categories.Select(c => Run(c.Key, c.Value, scanner)).ToList();

        var report = Report(results);
        output.WriteLine(report);
        foreach (var line in results.SelectMany(r => r.Missed.Concat(r.FalsePositives)))
        {
            output.WriteLine(line);
        }

        var snippets = results.Sum(r => r.MustFlag + r.MustNotFlag);
        var falsePositives = results.Sum(r => r.FalsePositives.Count);
        var mustNotFlag = results.Sum(r => r.MustNotFlag);
        Assert.True(snippets >= 400, $"The corpus holds {snippets} snippets; it needs at least 400.");
        Assert.All(results, r =>
        {
            Assert.True(r.MustFlag + r.MustNotFlag >= 40, $"{r.Category}: fewer than 40 snippets.");
            Assert.True(
                r.MustFlag == r.MustNotFlag, $"{r.Category}: {r.MustFlag} must-flag against {r.MustNotFlag} must-not-flag.");
        });
        Assert.True(
            results.All(r => r.Missed.Count == 0),
            "Missed:\n" + string.Join('\n', results.SelectMany(r => r.Missed)) + "\n" + report);
        Assert.True(
            falsePositives <= MaxFalsePositiveRate * mustNotFlag,
            "False positives:\n" + string.Join('\n', results.SelectMany(r => r.FalsePositives)) + "\n" + report);
    }

    private static CategoryResult Run(string category, IdentifierKind? kind, IdentifierScanner scanner)
    {
        var result = new CategoryResult(category);
        foreach (var (mustFlag, snippet) in CorpusFile.Read(category))
        {
            var (text, marks) = CorpusFile.Unmark(snippet);
            if (kind is null)
            {
                var created = CaseReference.Create(text);
                Tally(result, mustFlag, !created.Succeeded, created.Succeeded
                    ? $"{category}: accepted '{text}'"
                    : $"{category}: refused '{text}': {created.Message}");
                continue;
            }

            var findings = scanner.Scan(text);
            if (mustFlag)
            {
                var caught = marks.Count > 0
                    && marks.All(m => findings.Any(f => f.Kind == kind && f.Start < m.End && m.Start < f.End));
                Tally(result, true, caught,
                    $"{category}: missed {string.Join(", ", marks.Select(m => text[m.Start..m.End]))} in '{text}'"
                    + $" (found {string.Join(", ", findings.Select(f => $"{f.Kind} '{f.Text}'"))})");
            }
            else
            {
                Tally(result, false, findings.Count > 0,
                    $"{category}: flagged {string.Join(", ", findings.Select(f => $"{f.Kind} '{f.Text}'"))} in '{text}'");
            }
        }

        return result;
    }

    private static void Tally(CategoryResult result, bool mustFlag, bool flagged, string description)
    {
        if (mustFlag)
        {
            result.MustFlag++;
            if (!flagged)
            {
                result.Missed.Add(description);
            }
        }
        else
        {
            result.MustNotFlag++;
            if (flagged)
            {
                result.FalsePositives.Add(description);
            }
        }
    }

    private static string Report(IReadOnlyList<CategoryResult> results)
    {
        var report = new StringBuilder();
        report.AppendLine("| category | must flag | caught | recall | must not flag | flagged | false positives |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results.Append(Total(results)))
        {
            var caught = r.MustFlag - r.Missed.Count;
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Category} | {r.MustFlag} | {caught} | {Percent(caught, r.MustFlag)} | {r.MustNotFlag} | "
                + $"{r.FalsePositives.Count} | {Percent(r.FalsePositives.Count, r.MustNotFlag)} |");
        }

        return report.ToString();
    }

    private static CategoryResult Total(IReadOnlyList<CategoryResult> results)
    {
        var total = new CategoryResult("all");
        total.MustFlag = results.Sum(r => r.MustFlag);
        total.MustNotFlag = results.Sum(r => r.MustNotFlag);
        total.Missed.AddRange(results.SelectMany(r => r.Missed));
        total.FalsePositives.AddRange(results.SelectMany(r => r.FalsePositives));
        return total;
    }

    private static string Percent(int part, int whole) =>
        whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private sealed class CategoryResult(string category)
    {
        public string Category { get; } = category;

        public int MustFlag { get; set; }

        public int MustNotFlag { get; set; }

        public List<string> Missed { get; } = [];

        public List<string> FalsePositives { get; } = [];
    }
}
