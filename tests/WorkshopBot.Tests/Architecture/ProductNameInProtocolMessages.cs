using System.Text.RegularExpressions;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Architecture;

/// <summary>
/// The Protocol library's own messages (start-up checks, refusal reasons, log lines, exceptions) are read by operators:
/// they name the product, WorkshopBot, never "the bot" or "the bot's". Comments are not messages and are not read here.
/// </summary>
public sealed partial class ProductNameInProtocolMessages
{
    [Fact]
    public void NoStringInTheProtocolLibrarySaysTheBot()
    {
        var protocol = Path.Combine(RepositoryRoot.Find(), "src", "WorkshopBot.Protocol");
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(protocol, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                found.AddRange(Literal().Matches(line).Select(m => m.Groups[1].Value).Where(text => TheBot().IsMatch(text))
                    .Select(text => $"{Path.GetRelativePath(protocol, file)}:{number}: {text}"));
            }
        }

        Assert.True(found.Count == 0, "Say WorkshopBot:\n" + string.Join("\n", found));
    }

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Literal();

    [GeneratedRegex(@"\b(the|your|no) bot('s)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex TheBot();
}
