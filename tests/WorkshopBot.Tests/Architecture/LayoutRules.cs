using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using WorkshopBot.Cards;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Architecture;

/// <summary>
/// The one shape of every feature (issue 8), read from the source tree: each feature folder under src/WorkshopBot has
/// Domain/ and Teams/ (Storage/ and Jobs/ only where it stores or runs something), one routes file and one screen class
/// per screen folder; Domain files use no Teams, HTTP, storage, JSON or card types; and whatever is in a Domain namespace
/// lives in a Domain folder. A new feature is found by its <c>&lt;Feature&gt;Feature.cs</c> and held to the same rules.
/// </summary>
public sealed partial class LayoutRules
{
    private static readonly string[] KnownFeatures = ["Audits", "Workshop", "Briefings", "ActionPlans", "Insights", "Help"];

    private static readonly string[] OptionalFolders = ["Storage", "Jobs"];

    /// <summary>What a Domain file may not name, in a <c>using</c> line or spelled out in code, and why.</summary>
    private static readonly (Regex Pattern, string Why)[] Forbidden =
    [
        (new(@"\bWorkshopBot\.Protocol\b"), "the Bot Framework protocol"),
        (new(@"\bWorkshopBot\.Cards\b"), "card types"),
        (new(@"\bWorkshopBot\.Storage\b"), "the app's storage"),
        (new(@"\bWorkshopBot(\.\w+)*\.Teams\b"), "a feature's Teams side"),
        (new(@"\bWorkshopBot(\.\w+)+\.Storage\b"), "a feature's (or the shared) storage"),
        (new(@"\bMicrosoft\.AspNetCore\b"), "HTTP"),
        (new(@"\bSystem\.Net\.Http\b"), "HTTP"),
        (new(@"\bMicrosoft\.Data\b"), "SQL"),
        (new(@"\bNpgsql\b"), "SQL"),
        (new(@"\bDapper\b"), "SQL"),
        (new(@"\bDocumentFormat\b"), "Word documents"),
        // System.Text.Json.Serialization is permitted, and only it: the aggregates keep private setters and are stored
        // as JSON documents by the shared document store, so [JsonInclude] and [JsonConstructor] say how they are read
        // back, and enums carry JsonStringEnumConverter so stored documents hold names, not numbers, when members are
        // added. These are attributes only; the domain never reads or writes JSON itself (the serializer, JsonElement,
        // JsonDocument stay forbidden). Moving them out would need a converter per aggregate in the storage layer.
        (new(@"\bSystem\.Text\.Json\b(?!\.Serialization\b)"), "JSON (only the System.Text.Json.Serialization attributes are allowed)"),
    ];

    private static readonly Assembly[] SourceAssemblies =
        [typeof(BotRoutes).Assembly, typeof(ActivityRouter).Assembly, typeof(AdaptiveCard).Assembly];

    private static string Src => Path.Combine(RepositoryRoot.Find(), "src");

    private static string App => Path.Combine(Src, "WorkshopBot");

    /// <summary>The folders under src/WorkshopBot that hold a <c>&lt;Name&gt;Feature.cs</c>.</summary>
    private static IReadOnlyList<string> Features() =>
        Directory.GetDirectories(App)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => File.Exists(Path.Combine(App, name, name + "Feature.cs")))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void EveryKnownFeatureIsFoundByItsFeatureFile() =>
        NoProblems(KnownFeatures.Except(Features()).Select(missing => $"{missing}/{missing}Feature.cs is missing").ToList());

    [Fact]
    public void EveryFeatureHasDomainAndTeamsAndStorageOrJobsOnlyWhereItHasThem()
    {
        var problems = new List<string>();
        foreach (var feature in Features())
        {
            var folder = Path.Combine(App, feature);
            var folders = Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().ToList();
            problems.AddRange(new[] { "Domain", "Teams" }.Except(folders).Select(missing => $"{feature} has no {missing}/ folder"));
            problems.AddRange(folders.Except(["Domain", "Teams", .. OptionalFolders])
                .Select(other => $"{feature}/{other}/ is not one of Domain, Teams, Storage, Jobs"));
            problems.AddRange(OptionalFolders.Where(folders.Contains)
                .Where(optional => SourceFiles(Path.Combine(folder, optional)).Count == 0)
                .Select(empty => $"{feature}/{empty}/ holds no source file: leave it out until the feature has "
                    + empty.ToLowerInvariant()));
            problems.AddRange(Directory.GetFiles(folder, "*.cs")
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(file => file != feature + "Feature.cs" && !file.EndsWith("Options.cs", StringComparison.Ordinal))
                .Select(file => $"{feature}/{file} belongs in one of the feature's folders "
                    + $"(only {feature}Feature.cs and options sit at the top)"));
        }

        NoProblems(problems);
    }

    [Fact]
    public void EveryFeatureHasOneRoutesFileThatMapsEachScreenFolderItsScreen()
    {
        var problems = new List<string>();
        foreach (var feature in Features())
        {
            var teams = Path.Combine(App, feature, "Teams");
            var routes = Path.Combine(teams, feature + "Routes.cs");
            if (!File.Exists(routes))
            {
                problems.Add($"{feature} has no Teams/{feature}Routes.cs");
                continue;
            }

            var table = File.ReadAllText(routes);
            foreach (var screen in Directory.GetDirectories(teams).Select(Path.GetFileName).OfType<string>())
            {
                if (!File.Exists(Path.Combine(teams, screen, screen + "Screen.cs")))
                {
                    problems.Add($"{feature}/Teams/{screen}/ has no {screen}Screen.cs");
                }
                else if (!table.Contains(screen + "Screen.Map(router)", StringComparison.Ordinal))
                {
                    problems.Add($"{feature}Routes does not list {screen}Screen.Map(router)");
                }
            }
        }

        NoProblems(problems);
    }

    [Fact]
    public void EveryScreenClassMapsItsOwnRoutes()
    {
        var screens = SourceAssemblies[0].GetTypes()
            .Where(t => t.Name.EndsWith("Screen", StringComparison.Ordinal)
                && t.Namespace?.EndsWith(".Teams", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(screens);
        NoProblems(screens
            .Where(t => t.GetMethod("Map", BindingFlags.Public | BindingFlags.Static, [typeof(ActivityRouter)]) is null)
            .Select(t => $"{t.FullName} has no public static Map(ActivityRouter)")
            .ToList());
    }

    [Fact]
    public void EveryFeatureFolderHoldsItsOwnNamespace()
    {
        var problems = new List<string>();
        foreach (var feature in Features())
        {
            foreach (var file in SourceFiles(Path.Combine(App, feature)))
            {
                var relative = Path.GetRelativePath(Path.Combine(App, feature), file).Replace('\\', '/');
                var slash = relative.IndexOf('/', StringComparison.Ordinal);
                var folder = slash < 0 ? null : relative[..slash];
                var expected = folder is null ? $"WorkshopBot.{feature}" : $"WorkshopBot.{feature}.{folder}";
                problems.AddRange(Namespaces(File.ReadAllText(file))
                    .Where(ns => ns != expected)
                    .Select(ns => $"{feature}/{relative} declares {ns}; files there belong to {expected}"));
            }
        }

        NoProblems(problems);
    }

    [Fact]
    public void BackgroundWorkOfAFeatureLivesInItsJobs()
    {
        var features = Features();
        var misplaced = SourceAssemblies[0].GetTypes()
            .Where(t => typeof(IHostedService).IsAssignableFrom(t) && !t.IsAbstract)
            .Where(t => features.Any(f => t.Namespace?.StartsWith($"WorkshopBot.{f}", StringComparison.Ordinal) == true))
            .Where(t => !t.Namespace!.EndsWith(".Jobs", StringComparison.Ordinal))
            .Select(t => $"{t.FullName} runs in the background but is not in the feature's Jobs/")
            .ToList();
        NoProblems(misplaced);
    }

    [Fact]
    public void DomainFilesUseNoTeamsHttpStorageJsonOrCardTypes()
    {
        var files = Directory.GetDirectories(Src, "Domain", SearchOption.AllDirectories)
            .Where(d => !IsBuildOutput(d))
            .SelectMany(SourceFiles)
            .ToList();
        Assert.NotEmpty(files);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(Src, file).Replace('\\', '/');
            var code = CodeOnly(File.ReadAllText(file));
            foreach (var (line, text) in code.Split('\n').Select((text, i) => (i + 1, text)))
            {
                var named = UsingLine().Match(text) is { Success: true } usingLine ? usingLine.Groups["name"].Value : text;
                problems.AddRange(Forbidden
                    .Where(rule => rule.Pattern.IsMatch(named))
                    .Select(rule => $"{relative}:{line} uses {rule.Pattern.Match(named).Value} ({rule.Why}): {text.Trim()}"));
            }
        }

        NoProblems(problems);
    }

    [Fact]
    public void DomainTypesExposeNoTeamsHttpStorageJsonOrCardTypes()
    {
        var problems = DomainTypes()
            .SelectMany(type => Referenced(type).Select(used => (type, used)))
            .Where(pair => pair.used.Namespace is not null)
            .SelectMany(pair => Forbidden
                .Where(rule => rule.Pattern.IsMatch(pair.used.Namespace!))
                .Select(rule => $"{pair.type.FullName} uses {pair.used.FullName ?? pair.used.Name} ({rule.Why})"))
            .Distinct()
            .ToList();
        NoProblems(problems);
    }

    [Fact]
    public void DomainNamespacesLiveInDomainFolders()
    {
        var problems = new List<string>();
        var declaredInDomainFolders = new StringBuilder();
        foreach (var file in SourceFiles(Src))
        {
            var relative = Path.GetRelativePath(Src, file).Replace('\\', '/');
            var text = File.ReadAllText(file);
            var inDomainFolder = relative.Split('/').Contains("Domain");
            if (inDomainFolder)
            {
                declaredInDomainFolders.Append(CodeOnly(text)).Append('\n');
            }

            problems.AddRange(Namespaces(text)
                .Where(ns => DomainNamespace().IsMatch(ns) && !inDomainFolder)
                .Select(ns => $"{relative} declares {ns} outside a Domain/ folder"));
        }

        // What the compiler made of it: every named type in a Domain namespace is declared in a Domain/ folder.
        var declarations = declaredInDomainFolders.ToString();
        problems.AddRange(DomainTypes()
            .Where(t => !t.IsNested && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .Select(t => t.Name.Split('`')[0])
            .Distinct()
            .Where(name => !Regex.IsMatch(declarations, $@"\b(class|struct|record|interface|enum)\s+{Regex.Escape(name)}\b"))
            .Select(name => $"{name} is in a Domain namespace but not declared in a Domain/ folder"));
        NoProblems(problems);
    }

    /// <summary>Fails with every problem on its own line, so one run shows all there is to fix.</summary>
    private static void NoProblems(IReadOnlyList<string> problems) =>
        Assert.True(problems.Count == 0, $"{problems.Count} layout problem(s):\n" + string.Join('\n', problems));

    private static IEnumerable<Type> DomainTypes() =>
        SourceAssemblies.SelectMany(a => a.GetTypes()).Where(t => t.Namespace is { } ns && DomainNamespace().IsMatch(ns));

    /// <summary>The types a type names in its signatures: base, interfaces, fields, properties, methods, attributes.</summary>
    private static IEnumerable<Type> Referenced(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static
            | BindingFlags.DeclaredOnly;
        var named = new List<Type>();
        named.AddRange(type.GetInterfaces());
        if (type.BaseType is { } baseType)
        {
            named.Add(baseType);
        }

        named.AddRange(type.GetFields(All).Select(f => f.FieldType));
        named.AddRange(type.GetProperties(All).Select(p => p.PropertyType));
        named.AddRange(type.GetEvents(All).Select(e => e.EventHandlerType).OfType<Type>());
        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            named.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                named.Add(info.ReturnType);
            }

            named.AddRange(Attributes(method.CustomAttributes));
        }

        named.AddRange(Attributes(type.CustomAttributes));
        named.AddRange(type.GetFields(All).Cast<MemberInfo>().Concat(type.GetProperties(All))
            .SelectMany(m => Attributes(m.CustomAttributes)));
        return named.SelectMany(Unwrapped);
    }

    private static IEnumerable<Type> Attributes(IEnumerable<CustomAttributeData> attributes) =>
        attributes.SelectMany(a => a.ConstructorArguments.Select(arg => arg.Value).OfType<Type>().Prepend(a.AttributeType));

    private static IEnumerable<Type> Unwrapped(Type type)
    {
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            return Unwrapped(element);
        }

        return type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrapped).Prepend(type) : [type];
    }

    private static List<string> SourceFiles(string folder) =>
        Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)).ToList();

    private static bool IsBuildOutput(string path)
    {
        var normalised = path.Replace('\\', '/');
        return normalised.Contains("/obj/", StringComparison.Ordinal) || normalised.Contains("/bin/", StringComparison.Ordinal)
            || normalised.EndsWith("/obj", StringComparison.Ordinal) || normalised.EndsWith("/bin", StringComparison.Ordinal);
    }

    private static IEnumerable<string> Namespaces(string text) =>
        NamespaceDeclaration().Matches(CodeOnly(text)).Select(m => m.Groups["name"].Value);

    /// <summary>The code of a C# file with comments and the contents of string and character literals blanked out.</summary>
    private static string CodeOnly(string text)
    {
        var code = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (At(text, i, "//"))
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (At(text, i, "/*"))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = end < 0 ? text.Length : end + 2;
                code.Append('\n', text.AsSpan(i, stop - i).Count('\n'));
                i = stop;
            }
            else if (At(text, i, "\"\"\""))
            {
                var quotes = 0;
                while (i + quotes < text.Length && text[i + quotes] == '"')
                {
                    quotes++;
                }

                var end = text.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
                var stop = end < 0 ? text.Length : end + quotes;
                code.Append("\"\"").Append('\n', text.AsSpan(i, stop - i).Count('\n'));
                i = stop;
            }
            else if (text[i] is '"' or '\'')
            {
                var verbatim = text[i] == '"' && i > 0 && (text[i - 1] == '@' || (i > 1 && text[i - 2] == '@'));
                i = SkipLiteral(text, i, verbatim);
                code.Append("\"\"");
            }
            else
            {
                code.Append(text[i]);
                i++;
            }
        }

        return code.ToString();
    }

    private static int SkipLiteral(string text, int start, bool verbatim)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length)
        {
            if (verbatim && At(text, i, "\"\""))
            {
                i += 2;
            }
            else if (!verbatim && text[i] == '\\')
            {
                i += 2;
            }
            else if (text[i] == quote || (!verbatim && text[i] == '\n'))
            {
                return i + 1;
            }
            else
            {
                i++;
            }
        }

        return i;
    }

    private static bool At(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    [GeneratedRegex(@"^WorkshopBot\.\w+\.Domain(\.|$)")]
    private static partial Regex DomainNamespace();

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*(global\s+)?using\s+(static\s+)?(\w+\s*=\s*)?(?<name>[\w.]+)")]
    private static partial Regex UsingLine();
}
