using System.Diagnostics;
using System.Reflection;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Infra;

/// <summary>
/// Every Bicep file under infra/ compiles with the Bicep CLI (restored from NuGet by this project) with no error
/// and no warning, the linter's included (infra/bicepconfig.json); the parameter file compiles against its template.
/// </summary>
public sealed class BicepBuild
{
    public static TheoryData<string> Files => new(
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Find(), "infra"), "*.bicep*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".bicepparam", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Find(), f))
            .Order(StringComparer.Ordinal));

    [Fact]
    public void InfraHasTheTemplateAndItsParameters()
    {
        Assert.Contains(Path.Combine("infra", "main.bicep"), Files);
        Assert.Contains(Path.Combine("infra", "main.bicepparam"), Files);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task CompilesWithoutWarnings(string file)
    {
        var command = file.EndsWith(".bicepparam", StringComparison.Ordinal) ? "build-params" : "build";
        var (exitCode, output, errors) = await CompileAsync(file);

        Assert.True(exitCode == 0, $"bicep {command} {file} exited {exitCode}:\n{errors}");
        Assert.True(errors.Trim().Length == 0, $"bicep {command} {file} warned:\n{errors}");
        Assert.Contains("$schema", output, StringComparison.Ordinal);
    }

    /// <summary>Compiles a Bicep file (build) or parameter file (build-params) with the CLI; the ARM JSON is the output.</summary>
    internal static async Task<(int ExitCode, string Output, string Errors)> CompileAsync(string file)
    {
        var path = Path.Combine(RepositoryRoot.Find(), file);
        var command = file.EndsWith(".bicepparam", StringComparison.Ordinal) ? "build-params" : "build";
        var start = new ProcessStartInfo(BicepCli())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { command, path, "--stdout" })
        {
            start.ArgumentList.Add(argument);
        }

        // The parameter file reads its secrets from the deploying shell's environment; these are stand-ins.
        start.Environment["POSTGRES_ADMIN_PASSWORD"] = "stand-in";
        start.Environment["LINK_SIGNING_KEY"] = "stand-in";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    private static string BicepCli()
    {
        var path = typeof(BicepBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepCli").Value!;
        Assert.True(File.Exists(path), $"The Bicep CLI is not at {path}: restore tests/WorkshopBot.Tests (it is a PackageDownload).");
        return path;
    }
}
