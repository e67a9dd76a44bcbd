using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WorkshopBot.Manifest;

/// <summary>
/// Builds the Teams app package a partnership uploads: manifest.json with the bot's Microsoft App ID filled in,
/// and the two icons it names, all at the root of a zip (Teams rejects packages with folders).
/// </summary>
public sealed partial class ManifestPackager
{
    public const string AppIdPlaceholder = "{{MicrosoftAppId}}";

    public const string ManifestFileName = "manifest.json";

    /// <summary>
    /// Packages <paramref name="manifestDirectory"/> into <paramref name="outputZipPath"/>, replacing any file there. With the
    /// bot's public https address the package also declares the cross-audit tab and its single sign-on (<see cref="TabManifest"/>).
    /// </summary>
    /// <returns>A failure with a message a person can act on, or the zip's path and entries.</returns>
    public ManifestPackageResult Package(string manifestDirectory, string appId, string outputZipPath, Uri? publicBaseUrl = null,
        string? tabClientId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifestDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputZipPath);

        if (!Guid.TryParseExact(appId?.Trim() ?? string.Empty, "D", out var guid))
        {
            return ManifestPackageResult.Failure(
                $"The Microsoft App ID '{appId}' is not a GUID like 00000000-0000-0000-0000-000000000000. "
                + "Use the Application (client) ID of WorkshopBot's Entra app registration.");
        }

        var manifestPath = Path.Combine(manifestDirectory, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            return ManifestPackageResult.Failure($"No {ManifestFileName} in '{manifestDirectory}'.");
        }

        var filled = File.ReadAllText(manifestPath).Replace(AppIdPlaceholder, guid.ToString("D"), StringComparison.Ordinal);
        var leftOver = PlaceholderPattern().Matches(filled).Select(m => m.Value).Distinct().ToList();
        if (leftOver.Count > 0)
        {
            return ManifestPackageResult.Failure(
                $"{ManifestFileName} still has placeholders this packager does not fill: {string.Join(", ", leftOver)}.");
        }

        JsonObject? manifest;
        try
        {
            manifest = JsonNode.Parse(filled) as JsonObject;
        }
        catch (JsonException e)
        {
            return ManifestPackageResult.Failure($"{ManifestFileName} is not valid JSON: {e.Message}");
        }

        if (manifest is null)
        {
            return ManifestPackageResult.Failure($"{ManifestFileName} must hold a JSON object.");
        }

        if (publicBaseUrl is not null)
        {
            if (TabManifest.Problem(publicBaseUrl) is { } problem)
            {
                return ManifestPackageResult.Failure(problem);
            }

            Guid? tabGuid = null;
            if (!string.IsNullOrWhiteSpace(tabClientId))
            {
                if (!Guid.TryParseExact(tabClientId.Trim(), "D", out var parsed))
                {
                    return ManifestPackageResult.Failure(
                        $"The tab's client id '{tabClientId}' (WorkshopBot:Tab:ClientId or --tab-client-id) is not a GUID.");
                }

                tabGuid = parsed;
            }

            TabManifest.AddTo(manifest, guid, publicBaseUrl, tabGuid);
            filled = manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }

        var icons = new List<string>();
        foreach (var kind in (string[])["color", "outline"])
        {
            var name = (manifest["icons"] as JsonObject)?[kind] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            if (name is null || Path.GetFileName(name) != name)
            {
                return ManifestPackageResult.Failure($"{ManifestFileName} must name its {kind} icon as a file beside it (icons.{kind}).");
            }

            if (!File.Exists(Path.Combine(manifestDirectory, name)))
            {
                return ManifestPackageResult.Failure($"The {kind} icon '{name}' is missing from '{manifestDirectory}'.");
            }

            icons.Add(name);
        }

        var outputDirectory = Path.GetDirectoryName(Path.GetFullPath(outputZipPath));
        if (outputDirectory is not null)
        {
            Directory.CreateDirectory(outputDirectory);
        }

        File.Delete(outputZipPath);
        using (var zip = ZipFile.Open(outputZipPath, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry(ManifestFileName, CompressionLevel.Optimal);
            using (var writer = new StreamWriter(entry.Open()))
            {
                writer.Write(filled);
            }

            foreach (var icon in icons.Distinct(StringComparer.Ordinal))
            {
                zip.CreateEntryFromFile(Path.Combine(manifestDirectory, icon), icon, CompressionLevel.Optimal);
            }
        }

        return ManifestPackageResult.Success(
            Path.GetFullPath(outputZipPath), guid, [ManifestFileName, .. icons.Distinct(StringComparer.Ordinal)]);
    }

    [GeneratedRegex(@"\{\{[A-Za-z0-9_.]+\}\}")]
    private static partial Regex PlaceholderPattern();
}

/// <summary>The outcome of <see cref="ManifestPackager.Package"/>: either <see cref="Error"/>, or the zip written.</summary>
public sealed record ManifestPackageResult
{
    private ManifestPackageResult()
    {
    }

    public bool Succeeded => Error is null;

    public string? Error { get; private init; }

    public string? OutputZipPath { get; private init; }

    public Guid AppId { get; private init; }

    public IReadOnlyList<string> Entries { get; private init; } = [];

    internal static ManifestPackageResult Failure(string error) => new() { Error = error };

    internal static ManifestPackageResult Success(string outputZipPath, Guid appId, IReadOnlyList<string> entries) =>
        new() { OutputZipPath = outputZipPath, AppId = appId, Entries = entries };
}
