using System.Text;
using System.Text.RegularExpressions;
using WorkshopBot.Common.Privacy;
using Xunit.Abstractions;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// A one-off measurement, not a check: the scanner's answer on every text of a large collection, written to the file
/// named by <c>WORKSHOPBOT_SCAN_ANSWERS</c>, one line a text, so a change to the rules can be run before and after and
/// the two files compared (<c>diff</c>): every string literal of the tests and the source, the corpus snippets, every
/// text file of the repository line by line and paragraph by paragraph (the README and the shared docs among them when
/// <c>WORKSHOPBOT_SCAN_ANSWERS_MORE</c> names more folders, such as ../shared), and the seed audits when
/// <c>WORKSHOPBOT_SEED_CORPUS</c> is set. See "How well it works (measured)" in the README.
/// </summary>
public sealed partial class IdentifierScannerAnswers(ITestOutputHelper output)
{
    private const string Variable = "WORKSHOPBOT_SCAN_ANSWERS";

    private static readonly string[] TextExtensions =
        [".cs", ".md", ".txt", ".json", ".yml", ".yaml", ".xml", ".csproj", ".props", ".targets", ".sh", ".html", ".css", ".js"];

    [ScanAnswersFact]
    public void WritesTheAnswerOnEveryText()
    {
        var root = RepositoryRoot();
        var folders = new List<string> { root };
        folders.AddRange((Environment.GetEnvironmentVariable(Variable + "_MORE") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(f => Path.GetFullPath(Path.IsPathRooted(f) ? f : Path.Combine(root, f))));
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in folders.SelectMany(TextFiles))
        {
            var content = File.ReadAllText(file);
            if (file.EndsWith(".cs", StringComparison.Ordinal))
            {
                texts.UnionWith(Literal().Matches(content)
                    .Select(m => Unescape(m.Groups["text"].Value.Replace("\"\"", "\"", StringComparison.Ordinal))));
            }

            if (file.EndsWith(".txt", StringComparison.Ordinal) && file.Contains("Corpus", StringComparison.Ordinal))
            {
                texts.UnionWith(content.Split('\n').Select(l => l.TrimEnd())
                    .Where(l => l.StartsWith("+ ", StringComparison.Ordinal) || l.StartsWith("- ", StringComparison.Ordinal))
                    .Select(l => CorpusFile.Unmark(l[2..]).Text));
            }

            AddLinesAndParagraphs(texts, content);
        }

        if (SeedDocuments.ConfiguredPath is not null)
        {
            foreach (var (_, text) in SeedDocuments.All())
            {
                AddLinesAndParagraphs(texts, text);
            }
        }

        var scanner = new IdentifierScanner();
        var lines = new StringBuilder();
        var flagged = 0;
        foreach (var text in texts.Where(t => t.Trim().Length > 0).Order(StringComparer.Ordinal))
        {
            var findings = scanner.Scan(text);
            flagged += findings.Count > 0 ? 1 : 0;
            var answer = string.Join(" | ", findings.Select(f => $"{f.Kind}@{f.Start}:{f.Text}"));
            lines.Append(Escape(text)).Append('\t').Append(Escape(answer)).Append('\n');
        }

        var path = Environment.GetEnvironmentVariable(Variable)!;
        File.WriteAllText(path, lines.ToString());
        output.WriteLine($"{texts.Count} texts, {flagged} with a finding, written to {path}");
        Assert.True(texts.Count > 1000);
    }

    private static void AddLinesAndParagraphs(HashSet<string> texts, string content)
    {
        var normalised = content.Replace("\r\n", "\n", StringComparison.Ordinal);
        texts.UnionWith(normalised.Split('\n').Select(l => l.Trim()));
        texts.UnionWith(normalised.Split("\n\n").Select(p => p.Trim()));
    }

    private static IEnumerable<string> TextFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => TextExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git" or "node_modules"))
            .Order(StringComparer.Ordinal);

    private static string Unescape(string literal)
    {
        try
        {
            return Regex.Unescape(literal);
        }
        catch (RegexParseException)
        {
            return literal;
        }
    }

    private static string Escape(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WorkshopBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (the folder holding WorkshopBot.sln) was not found.");
    }

    // A C# string literal, regular or verbatim (raw literals are read line by line with the rest of the file).
    [GeneratedRegex("""@"(?<text>(?:[^"]|"")*)"|(?<!@)"(?<text>(?:[^"\\\n]|\\.)*)" """, RegexOptions.CultureInvariant)]
    private static partial Regex Literal();
}

/// <summary>The answers' measurement: skipped unless <c>WORKSHOPBOT_SCAN_ANSWERS</c> names the file to write.</summary>
public sealed class ScanAnswersFactAttribute : FactAttribute
{
    public ScanAnswersFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WORKSHOPBOT_SCAN_ANSWERS")))
        {
            Skip = "A measurement, not a check: set WORKSHOPBOT_SCAN_ANSWERS to a file to write the scanner's answers to.";
        }
    }
}
