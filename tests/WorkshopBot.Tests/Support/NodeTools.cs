using System.Diagnostics;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// Runs the Node scripts in tests/tools, installing their locked npm packages first if node_modules is missing.
/// Shared through <see cref="NodeToolsCollection"/> so `npm ci` runs once per test run, never concurrently.
/// </summary>
public sealed class NodeTools
{
    public NodeTools()
    {
        RepositoryRoot = Support.RepositoryRoot.Find();
        ToolsDirectory = Path.Combine(RepositoryRoot, "tests", "tools");
        if (!Directory.Exists(Path.Combine(ToolsDirectory, "node_modules")))
        {
            var install = Run("npm", ["ci", "--prefix", ToolsDirectory, "--no-audit", "--no-fund"], RepositoryRoot);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {ToolsDirectory} failed:\n{install.StandardError}");
            }
        }
    }

    public string RepositoryRoot { get; }

    public string ToolsDirectory { get; }

    /// <summary>Runs <c>node tests/tools/{script} args...</c> and returns its exit code and output.</summary>
    public ProcessResult RunScript(string script, IEnumerable<string> arguments) =>
        Run("node", [Path.Combine(ToolsDirectory, script), .. arguments], ToolsDirectory);

    private static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        // Read both streams concurrently so neither pipe fills and blocks the child.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

[CollectionDefinition(Name)]
public sealed class NodeToolsCollection : ICollectionFixture<NodeTools>
{
    public const string Name = "Node tools";
}
