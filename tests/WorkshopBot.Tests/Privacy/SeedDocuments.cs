namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// Published audit documents kept outside the repository (the partnership seeds), read from the folder named by
/// <see cref="Variable"/>. An absolute path is used as it is; a relative one is taken from the repository root
/// (the folder holding WorkshopBot.sln), so CI can set it to <c>../shared/seeds</c>. Without the variable the
/// tests that need the documents are skipped (see <see cref="SeedCorpusFactAttribute"/>); the project's own
/// corpus (Privacy/Corpus) covers the same ground in every run.
/// </summary>
internal static class SeedDocuments
{
    public const string Variable = "WORKSHOPBOT_SEED_CORPUS";

    public static string? ConfiguredPath => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : null;

    public static string Directory()
    {
        var configured = ConfiguredPath
            ?? throw new InvalidOperationException($"{Variable} is not set; the seed tests should have been skipped.");
        var path = Path.IsPathRooted(configured) ? configured : Path.GetFullPath(Path.Combine(RepositoryRoot(), configured));
        return System.IO.Directory.Exists(path)
            ? path
            : throw new DirectoryNotFoundException($"{Variable} names {configured}, but {path} is not a folder.");
    }

    public static IReadOnlyList<(string Name, string Text)> All()
    {
        var files = System.IO.Directory.GetFiles(Directory(), "*.txt").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"No seed .txt files in {Directory()}.");
        }

        return files.Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WorkshopBot.sln")))
            {
                return dir.FullName;
            }
        }

        return System.IO.Directory.GetCurrentDirectory();
    }
}

/// <summary>A fact that needs the seed documents: skipped, with the reason, when <c>WORKSHOPBOT_SEED_CORPUS</c> is
/// not set.</summary>
public sealed class SeedCorpusFactAttribute : FactAttribute
{
    public SeedCorpusFactAttribute()
    {
        if (SeedDocuments.ConfiguredPath is null)
        {
            Skip = $"Set {SeedDocuments.Variable} to a folder of published audit documents (CI uses ../shared/seeds) "
                + "to run this check; the project's own corpus in Privacy/Corpus runs every time.";
        }
    }
}
