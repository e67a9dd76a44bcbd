using System.Text.Json;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Manifest;

/// <summary>Validates manifests with tests/tools/validate-manifest.mjs against the schema Microsoft publishes.</summary>
internal sealed class ManifestSchemaValidator(NodeTools tools)
{
    private static readonly JsonSerializerOptions ReportOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The schema errors for the manifest JSON given; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate(string manifestJson)
    {
        var file = Path.Combine(Path.GetTempPath(), $"workshopbot-manifest-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(file, manifestJson);
            var run = tools.RunScript("validate-manifest.mjs", [file]);
            if (run.ExitCode is not (0 or 1))
            {
                throw new InvalidOperationException($"validate-manifest.mjs failed ({run.ExitCode}): {run.StandardError}");
            }

            var report = JsonSerializer.Deserialize<Report>(run.StandardOutput, ReportOptions)
                ?? throw new InvalidOperationException("validate-manifest.mjs printed no report.");
            var result = Assert.Single(report.Manifests);
            Assert.Equal(run.ExitCode == 0, result.Valid);
            return result.Errors;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private sealed record Report(IReadOnlyList<ReportManifest> Manifests, int Invalid);

    private sealed record ReportManifest(string File, bool Valid, IReadOnlyList<string> Errors);
}
