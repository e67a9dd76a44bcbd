using System.Text.Json.Nodes;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Privacy.Sweep;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// The sweep's reading of one stored document: every text but ids, keys and addresses is swept, identifiers written in
/// look-alike digits too (the scanner folds them, and so does the sweep's quick test for digits), and a document that is
/// not JSON is left as it is.
/// </summary>
public sealed class IdentifierRedactionOfJson
{
    [Theory]
    // Mathematical bold digits: no char is a digit until the text is folded.
    [InlineData("NHS \U0001D7D7\U0001D7D2\U0001D7D1\U0001D7D2\U0001D7D5\U0001D7D4\U0001D7D3\U0001D7D7\U0001D7CF\U0001D7D7 on file",
        "NHS [NHS number removed] on file")]
    // Full-width digits.
    [InlineData("NHS ９４３４７６５９１９ on file", "NHS [NHS number removed] on file")]
    [InlineData("Moved to SW1A 2AA; DOB 12/03/2019.", "Moved to [postcode removed]; [date of birth removed].")]
    // Forms the scanner reads since the sweep's second run: underscores between digits, a dash in a date, an unknown tag.
    [InlineData("NHS 943_476_5919 on file", "NHS [NHS number removed] on file")]
    [InlineData("DOB 01–02–2019 noted", "[date of birth removed] noted")]
    [InlineData("NHS <span2>943</span2> 476 5919", "NHS <span2>[NHS number removed]")]
    [InlineData("Seen on 12/03/2019 by Aisha Rahman, 07700 900123.", "Seen on 12/03/2019 by Aisha Rahman, 07700 900123.")]
    public void SweepsTextInNestedObjectsAndArrays(string text, string expected)
    {
        var json = new JsonObject
        {
            ["id"] = "SW1A 2AA",
            ["userKey"] = "9434765919",
            ["answers"] = new JsonObject { ["q1"] = new JsonObject { ["narrative"] = text } },
            ["notes"] = new JsonArray(text),
        }.ToJsonString();

        var swept = IdentifierRedaction.RedactJson(json, IdentifierScanner.Default);

        var result = JsonNode.Parse(swept.Json ?? json)!;
        Assert.Equal(expected, result["answers"]!["q1"]!["narrative"]!.GetValue<string>());
        Assert.Equal(expected, result["notes"]![0]!.GetValue<string>());
        Assert.Equal(("SW1A 2AA", "9434765919"), (result["id"]!.GetValue<string>(), result["userKey"]!.GetValue<string>()));
        Assert.Equal(text == expected, swept.Json is null);
    }

    [Fact]
    public void SweptTextIsLeftAsItIs()
    {
        var json = new JsonObject { ["text"] = "DOB [date of birth removed], NHS [NHS number removed], at [postcode removed]" }
            .ToJsonString();

        Assert.Equal(new RedactedDocument(null, RemovedIdentifiers.None, false, false),
            IdentifierRedaction.RedactJson(json, IdentifierScanner.Default));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[\"DOB 12/03/2019\"]")]
    public void ADocumentThatIsNotAJsonObjectIsLeft(string json) =>
        Assert.Equal(new RedactedDocument(null, RemovedIdentifiers.None, false, true),
            IdentifierRedaction.RedactJson(json, IdentifierScanner.Default));
}
