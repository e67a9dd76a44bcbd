using System.Text.Json;
using WorkshopBot.Cards;
using WorkshopBot.Hosting;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Architecture;

/// <summary>
/// Card input ids are matched to the data records' properties by <see cref="CardInputCheck"/>, which every
/// <see cref="BotTestHost"/> runs over every card it saw when it is disposed. These tests prove the check itself.
/// </summary>
public sealed class CardInputsMatchRecords
{
    private static JsonElement Card(string inputId, string verb) => JsonDocument.Parse($$"""
        {
          "type": "AdaptiveCard", "version": "1.5",
          "body": [ { "type": "Input.Text", "id": "{{inputId}}", "label": "Title" } ],
          "actions": [ { "type": "Action.Execute", "verb": "{{verb}}", "title": "Create", "data": {} } ]
        }
        """).RootElement.Clone();

    [Fact]
    public void AnInputNamedLikeAPropertyOfTheActionsRecordPasses() =>
        Assert.Empty(CardInputCheck.Unmatched(Card("title", "audit.create"), BotRoutes.Build()));

    [Fact]
    public void AMisspelledInputIsReportedWithItsVerb()
    {
        var unmatched = CardInputCheck.Unmatched(Card("tittle", "audit.create"), BotRoutes.Build());

        Assert.Equal("input 'tittle' (actions: audit.create)", Assert.Single(unmatched));
    }

    [Fact]
    public void AnInputOnACardWhoseVerbIsNotRoutedIsReported() =>
        Assert.Single(CardInputCheck.Unmatched(Card("title", "audit.unknown"), BotRoutes.Build()));

    [Fact]
    public void ARecordThatKeepsExtraInputsAcceptsPerQuestionIds() =>
        Assert.Empty(CardInputCheck.Unmatched(Card("a:q-1-1", "return.section.save"), BotRoutes.Build()));
}
