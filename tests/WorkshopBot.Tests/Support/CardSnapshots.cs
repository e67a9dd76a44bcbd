using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// Writes every card a <see cref="BotTestHost"/> saw (invoke answers and connector posts) to the folder named by
/// <c>WORKSHOPBOT_CARD_SNAPSHOTS</c>, one file per distinct card, named by the hash of its normalised JSON. Two runs
/// (before and after a refactoring) are compared with <c>diff -r</c>: a card that changed by one byte appears as one
/// file removed and one added. Ids, clock times and link tokens that differ from run to run are normalised first.
/// Does nothing when the variable is not set.
/// </summary>
internal static partial class CardSnapshots
{
    private const string Variable = "WORKSHOPBOT_CARD_SNAPSHOTS";

    public static bool Enabled => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable));

    public static void Record(string json)
    {
        var folder = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(folder) || string.IsNullOrWhiteSpace(json))
        {
            return;
        }

        string normalised;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("attachments", out var attachments)
                && attachments.ValueKind == JsonValueKind.Array)
            {
                // A connector post: only the cards count, not the envelope (ports, ids, timestamps).
                foreach (var attachment in attachments.EnumerateArray())
                {
                    if (attachment.ValueKind == JsonValueKind.Object && attachment.TryGetProperty("content", out var content))
                    {
                        Record(content.GetRawText());
                    }
                }

                return;
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("activity", out var inner)
                && inner.ValueKind == JsonValueKind.Object)
            {
                Record(inner.GetRawText());
                return;
            }

            normalised = Normalise(JsonSerializer.Serialize(root, new JsonSerializerOptions { WriteIndented = true }));
        }
        catch (JsonException)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)))[..20] + ".json";
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            try
            {
                File.WriteAllText(path, normalised);
            }
            catch (IOException)
            {
                // Another test wrote the same card at the same moment.
            }
        }
    }

    private static string Normalise(string json)
    {
        json = Guids().Replace(json, "<guid>");
        json = HexIds().Replace(json, "<hex>");
        json = Ports().Replace(json, "127.0.0.1:<port>");
        json = ActivityIds().Replace(json, "act-<n>");
        json = FakeIds().Replace(json, "fake-$1-<n>");
        json = Tokens().Replace(json, "<token>");
        json = Times().Replace(json, "<time>");
        json = Stamps().Replace(json, "<stamp>");
        return json;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guids();

    [GeneratedRegex("\\b[0-9a-f]{32}\\b")]
    private static partial Regex HexIds();

    [GeneratedRegex(@"127\.0\.0\.1:\d+")]
    private static partial Regex Ports();

    [GeneratedRegex(@"act-\d+-[0-9a-f]{8}")]
    private static partial Regex ActivityIds();

    [GeneratedRegex(@"fake-(message|activity|conversation)-\d+")]
    private static partial Regex FakeIds();

    [GeneratedRegex(@"[A-Za-z0-9_\-]{40,}\.[A-Za-z0-9_\-]{20,}")]
    private static partial Regex Tokens();

    [GeneratedRegex(@"\b\d{2}:\d{2}(:\d{2})?\b")]
    private static partial Regex Times();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex Stamps();
}
