using System.Text.Json;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Cards;

/// <summary>
/// Validates cards with tests/tools/validate-cards.mjs (the official adaptivecards parser plus a strict 1.5
/// structure check). Many cards go to one node process, since starting node dominates the cost.
/// </summary>
public sealed class CardValidator(NodeTools tools)
{
    public IReadOnlyList<CardValidationResult> Validate(IReadOnlyDictionary<string, AdaptiveCard> cards) =>
        ValidateJson(cards.ToDictionary(pair => pair.Key, pair => AdaptiveCardJson.Serialize(pair.Value)));

    /// <summary>Validates raw JSON cards, keyed by a file-name-safe name.</summary>
    public IReadOnlyList<CardValidationResult> ValidateJson(IReadOnlyDictionary<string, string> cardsJson)
    {
        var directory = Directory.CreateTempSubdirectory("workshopbot-cards-");
        try
        {
            foreach (var (name, json) in cardsJson)
            {
                File.WriteAllText(Path.Combine(directory.FullName, name + ".json"), json);
            }

            var run = tools.RunScript("validate-cards.mjs", [directory.FullName]);
            if (run.ExitCode is not (0 or 1))
            {
                throw new InvalidOperationException($"validate-cards.mjs failed ({run.ExitCode}): {run.StandardError}");
            }

            var report = JsonSerializer.Deserialize<Report>(run.StandardOutput, AdaptiveCardJson.Options)
                ?? throw new InvalidOperationException("validate-cards.mjs printed no report.");
            var results = report.Cards
                .Select(card => new CardValidationResult(Path.GetFileNameWithoutExtension(card.Name), card.Valid, card.Bytes, card.Errors))
                .ToList();
            if (results.Count != cardsJson.Count)
            {
                throw new InvalidOperationException($"Sent {cardsJson.Count} cards, got {results.Count} results.");
            }

            // Guard against the script and its exit code disagreeing, which would hide failures.
            if ((run.ExitCode == 0) != results.All(r => r.Valid))
            {
                throw new InvalidOperationException($"Exit code {run.ExitCode} contradicts the report.");
            }

            return results;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private sealed record Report(IReadOnlyList<ReportCard> Cards, int Invalid);

    private sealed record ReportCard(string Name, bool Valid, int Bytes, IReadOnlyList<string> Errors);
}

public sealed record CardValidationResult(string Name, bool Valid, int Bytes, IReadOnlyList<string> Errors)
{
    public override string ToString() => Valid ? $"{Name}: valid ({Bytes} bytes)" : $"{Name}: {string.Join("; ", Errors)}";
}
