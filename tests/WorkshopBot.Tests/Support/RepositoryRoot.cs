namespace WorkshopBot.Tests.Support;

internal static class RepositoryRoot
{
    /// <summary>The folder holding WorkshopBot.sln, found by walking up from the test assembly.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WorkshopBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No WorkshopBot.sln above {AppContext.BaseDirectory}.");
    }
}
