namespace WorkshopBot.Tests.Privacy;

/// <summary>Finds the published seed documents in ../shared/seeds relative to the repository root.</summary>
internal static class SeedDocuments
{
    public static string Directory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            // The repository root holds WorkshopBot.sln; the seeds sit beside the repository, in shared/seeds.
            var candidate = Path.Combine(dir.FullName, "shared", "seeds");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException(
            $"Could not find a 'shared/seeds' folder in any parent of {AppContext.BaseDirectory}. "
            + "The seed documents are expected at ../shared/seeds relative to the folder containing WorkshopBot.sln.");
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
}
