using System.Reflection;
using System.Text.RegularExpressions;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Architecture;

/// <summary>
/// Every input the bot's card builders can put on a card, read from the source so that cards no test happens to produce
/// are covered too: an input named by a literal id must match a property of the record of a verb the same file's
/// actions post, and one named <c>InputId(nameof(Record.Property))</c> must name the record of such a verb. (The run-time
/// check, <see cref="CardInputCheck"/> in every <see cref="BotTestHost"/>, covers the cards the tests produce.)
/// </summary>
public sealed partial class CardSourcesMatchRecords
{
    private static string App => Path.Combine(RepositoryRoot.Find(), "src", "WorkshopBot");

    [Fact]
    public void EveryInputInTheCardBuildersMatchesARecordItsCardPosts()
    {
        var router = BotRoutes.Build();
        var problems = new List<string>();
        var inputs = 0;
        foreach (var file in Directory.GetFiles(App, "*.cs", SearchOption.AllDirectories).Where(IsTeamsSource))
        {
            var relative = Path.GetRelativePath(App, file).Replace('\\', '/');
            var found = Problems(relative.Split('/')[0], File.ReadAllText(file), router);
            inputs += found.Inputs;
            problems.AddRange(found.Problems.Select(p => $"{relative}: {p}"));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        // Not vacuous: the builders of every feature hold this many inputs today (more is fine).
        Assert.True(inputs >= 80, $"only {inputs} card inputs found in the source: is the pattern still right?");
    }

    [Fact]
    public void AMisspelledLiteralIdIsReported()
    {
        const string Source = """
            new TextInput { Id = "tittle", Label = "Title" };
            Go(CreateScreen.Create, new CreateAuditData(), "Create");
            """;

        var found = Problems("Audits", Source, BotRoutes.Build());

        Assert.Equal(1, found.Inputs);
        Assert.Equal("input 'tittle' matches no record its actions post (CreateAuditData)", Assert.Single(found.Problems));
    }

    [Fact]
    public void AnIdNamedFromARecordTheCardDoesNotPostIsReported()
    {
        const string Source = """
            new TextInput { Id = CardKit.InputId(nameof(JoinData.AgencyId)) };
            Go(PollsScreen.CreatePoll, new CreatePollData(), "Create");
            """;

        var found = Problems("Workshop", Source, BotRoutes.Build());

        Assert.Equal(1, found.Inputs);
        Assert.Equal("input from JoinData.AgencyId, a record no action of this card posts (CreatePollData)",
            Assert.Single(found.Problems));
    }

    [Fact]
    public void AnInputOnACardThatPostsNothingIsReported() =>
        Assert.Single(Problems("Audits", """new TextInput { Id = "title" };""", BotRoutes.Build()).Problems);

    /// <summary>The inputs of one source file of a feature's Teams side, and those that no posted record receives.</summary>
    private static (int Inputs, List<string> Problems) Problems(string feature, string source, ActivityRouter router)
    {
        var records = Verbs(feature, source)
            .Select(verb => router.CardActionVerbs.TryGetValue(verb, out var t) ? t : router.SubmitVerbs.GetValueOrDefault(verb))
            .OfType<Type>()
            .Distinct()
            .ToList();
        var names = string.Join(", ", records.Select(r => r.Name).Order(StringComparer.Ordinal));
        var problems = new List<string>();
        var literal = LiteralId().Matches(source).Select(m => m.Groups["id"].Value).ToList();
        problems.AddRange(literal
            .Where(id => !records.Any(r => CardInputCheck.Accepts(r, id)))
            .Select(id => $"input '{id}' matches no record its actions post ({names})"));
        var derived = DerivedId().Matches(source).Select(m => (Record: m.Groups["record"].Value, Property: m.Groups["property"].Value))
            .ToList();
        problems.AddRange(derived
            .Where(d => !records.Any(r => r.Name == d.Record && r.GetProperty(d.Property) is not null))
            .Select(d => $"input from {d.Record}.{d.Property}, a record no action of this card posts ({names})"));
        return (literal.Count + derived.Count, problems);
    }

    /// <summary>The verbs a source file names as <c>XScreen.Constant</c>, the screen looked up in the file's own feature first.</summary>
    private static IEnumerable<string> Verbs(string feature, string source)
    {
        var screens = typeof(BotRoutes).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Screen", StringComparison.Ordinal)
                && t.Namespace?.EndsWith(".Teams", StringComparison.Ordinal) == true)
            .ToList();
        foreach (Match m in ScreenConstant().Matches(source))
        {
            var named = screens.Where(t => t.Name == m.Groups["screen"].Value).ToList();
            var screen = named.FirstOrDefault(t => t.Namespace == $"WorkshopBot.{feature}.Teams") ?? named.FirstOrDefault();
            if (screen?.GetField(m.Groups["name"].Value, BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.GetRawConstantValue() is string verb)
            {
                yield return verb;
            }
        }
    }

    private static bool IsTeamsSource(string path)
    {
        var normalised = path.Replace('\\', '/');
        return normalised.Contains("/Teams/", StringComparison.Ordinal) && !normalised.Contains("/obj/", StringComparison.Ordinal)
            && !normalised.Contains("/bin/", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"new\s+\w*Input\b[^;]*?\bId\s*=\s*""(?<id>[^""]*)""", RegexOptions.Singleline)]
    private static partial Regex LiteralId();

    [GeneratedRegex(@"InputId\(\s*nameof\(\s*(?<record>\w+)\.(?<property>\w+)\s*\)\s*\)")]
    private static partial Regex DerivedId();

    [GeneratedRegex(@"\b(?<screen>\w+Screen)\.(?<name>\w+)\b")]
    private static partial Regex ScreenConstant();
}
