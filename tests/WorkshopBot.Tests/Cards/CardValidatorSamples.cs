using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Cards;

[Collection(NodeToolsCollection.Name)]
public sealed class CardValidatorSamples(NodeTools tools)
{
    private readonly CardValidator _validator = new(tools);

    [Fact]
    public void AcceptsSampleCardsUsingEveryElementType()
    {
        var cards = new Dictionary<string, AdaptiveCard>
        {
            ["audit-return"] = SampleCards.AuditReturn(),
            ["briefing"] = SampleCards.Briefing(),
        };

        var results = _validator.Validate(cards);

        Assert.All(results, result => Assert.True(result.Valid, result.ToString()));
        var types = cards.Values.SelectMany(card => TypesIn(AdaptiveCardJson.ToJsonElement(card))).ToHashSet();
        string[] expected =
        [
            "TextBlock", "RichTextBlock", "TextRun", "FactSet", "ColumnSet", "Column", "Container", "Table", "TableRow", "TableCell",
            "Image", "ActionSet", "Input.Text", "Input.Number", "Input.Date", "Input.Toggle", "Input.ChoiceSet",
            "Chart.VerticalBar", "Chart.HorizontalBar", "Chart.Donut", "Chart.Pie",
            "Action.Execute", "Action.Submit", "Action.OpenUrl", "Action.ShowCard", "Action.ToggleVisibility",
        ];
        Assert.Empty(expected.Except(types));
    }

    [Fact]
    public void RejectsBrokenCardsAndNamesTheFault()
    {
        const string Valid = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"ok"}]}""";
        var broken = new Dictionary<string, (string Json, string Expected)>
        {
            ["unknown-element"] =
                ("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBox","text":"x"}]}""", "unknown element type \"TextBox\""),
            ["missing-text"] =
                ("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","wrap":true}]}""",
                 "missing required property \"text\""),
            ["bad-enum"] =
                ("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x","weight":"Heavy"}]}""",
                 "\"Heavy\" is not one of"),
            ["version-1-6"] = ("""{"type":"AdaptiveCard","version":"1.6","body":[]}""", "above 1.5"),
            ["chart-without-fallback"] =
                ("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Chart.Pie","data":[{"legend":"a","value":1}]}]}""",
                 "missing required property \"fallback\""),
            ["input-without-id"] =
                ("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","label":"x"}]}""",
                 "missing required property \"id\""),
            ["unknown-action"] =
                ("""{"type":"AdaptiveCard","version":"1.5","actions":[{"type":"Action.Http","title":"x"}]}""", "unknown action type"),
            ["misspelt-property"] =
                ("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x","wrapp":true}]}""",
                 "wrapp: is not a property"),
            ["too-many-refresh-users"] = (TooManyRefreshUsers(), "at most 60"),
        };
        var json = broken.ToDictionary(pair => pair.Key, pair => pair.Value.Json);
        json["control"] = Valid;

        var results = _validator.ValidateJson(json).ToDictionary(result => result.Name);

        Assert.True(results["control"].Valid, results["control"].ToString());
        Assert.All(broken, pair =>
        {
            var result = results[pair.Key];
            Assert.False(result.Valid, $"{pair.Key} should be invalid");
            Assert.Contains(result.Errors, error => error.Contains(pair.Value.Expected, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void ReportsByteSizeMatchingCardSizeLimit()
    {
        var card = SampleCards.Briefing();

        var result = Assert.Single(_validator.Validate(new Dictionary<string, AdaptiveCard> { ["briefing"] = card }));

        Assert.Equal(CardSizeLimit.Measure(card), result.Bytes);
        Assert.True(CardSizeLimit.Fits(card), result.ToString());
    }

    private static string TooManyRefreshUsers()
    {
        var users = string.Join(",", Enumerable.Range(0, 61).Select(i => $"\"29:u{i}\""));
        return """{"type":"AdaptiveCard","version":"1.5","refresh":"""
            + $$$"""{"action":{"type":"Action.Execute","verb":"r"},"userIds":[{{{users}}}]}}""";
    }

    private static IEnumerable<string> TypesIn(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "type" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return property.Value.GetString()!;
                    }

                    foreach (var type in TypesIn(property.Value))
                    {
                        yield return type;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var type in TypesIn(item))
                    {
                        yield return type;
                    }
                }

                break;
        }
    }
}
