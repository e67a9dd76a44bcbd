using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.Cards;

public sealed class AdaptiveCardJsonSerialize
{
    [Fact]
    public void WritesTypeFirstOnEveryTypedObject()
    {
        var json = AdaptiveCardJson.ToJsonElement(SampleCards.Briefing());

        Assert.All(ObjectsWithType(json), obj => Assert.Equal("type", obj.EnumerateObject().First().Name));
        Assert.Equal("AdaptiveCard", json.GetProperty("type").GetString());
        Assert.Equal("1.5", json.GetProperty("version").GetString());
        Assert.Equal(AdaptiveCard.SchemaUrl, json.GetProperty("$schema").GetString());
    }

    [Fact]
    public void RoundTripsEveryDiscriminator()
    {
        var original = AdaptiveCardJson.Serialize(SampleCards.AuditReturn()) + AdaptiveCardJson.Serialize(SampleCards.Briefing());

        var audit = AdaptiveCardJson.Deserialize(AdaptiveCardJson.Serialize(SampleCards.AuditReturn()));
        var briefing = AdaptiveCardJson.Deserialize(AdaptiveCardJson.Serialize(SampleCards.Briefing()));

        Assert.Equal(original, AdaptiveCardJson.Serialize(audit) + AdaptiveCardJson.Serialize(briefing));
        Assert.IsType<ToggleInput>(audit.Body[7]);
        Assert.IsType<ExecuteAction>(audit.Refresh!.Action);
        Assert.IsType<SubmitAction>(((ActionSet)audit.Body[10]).Actions[1]);
        Assert.IsType<PieChart>(briefing.Body[7]);
        Assert.IsType<Table>(((PieChart)briefing.Body[7]).Fallback);
        var showCard = Assert.IsType<ShowCardAction>(briefing.Actions![0]);
        Assert.IsType<NumberInput>(showCard.Card.Body[0]);
        Assert.Equal(ColumnWidth.Pixels(60), ((ColumnSet)briefing.Body[2]).Columns[3].Width);
    }

    [Fact]
    public void ReadsDiscriminatorWrittenAfterOtherProperties()
    {
        var card = AdaptiveCardJson.Deserialize("""{"version":"1.5","type":"AdaptiveCard","body":[{"text":"late","type":"TextBlock"}]}""");

        Assert.Equal("late", Assert.IsType<TextBlock>(Assert.Single(card.Body)).Text);
    }

    [Fact]
    public void WritesEnumsAsSchemaStringsAndOmitsNulls()
    {
        var card = new AdaptiveCard
        {
            Body = [new TextBlock("x") { Weight = TextWeight.Bolder, Spacing = Spacing.ExtraLarge, Style = TextBlockStyle.Heading }],
            Actions = [new OpenUrlAction(new Uri("https://example.org/"), "Open") { Style = ActionStyle.Destructive }],
            MsTeams = TeamsCardProperties.FullWidth,
        };

        var json = AdaptiveCardJson.Serialize(card);

        var text = JsonDocument.Parse(json).RootElement.GetProperty("body")[0];
        Assert.Equal("ExtraLarge", text.GetProperty("spacing").GetString());
        Assert.Equal("Bolder", text.GetProperty("weight").GetString());
        Assert.Equal("heading", text.GetProperty("style").GetString());
        Assert.Contains("\"style\":\"destructive\"", json, StringComparison.Ordinal);
        Assert.Contains("\"msteams\":{\"width\":\"Full\"}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ExecuteActionCarriesTypedDataThatReadsBack()
    {
        var data = new SampleCards.OpenReturnData("A-7", "C-01", "Health visiting");

        var action = ExecuteAction.Create("audit.open", data, "Open");
        var json = JsonSerializer.SerializeToElement<CardAction>(action, AdaptiveCardJson.Options);

        Assert.Equal("Action.Execute", json.GetProperty("type").GetString());
        Assert.Equal("audit.open", json.GetProperty("verb").GetString());
        Assert.Equal("C-01", json.GetProperty("data").GetProperty("caseRef").GetString());
        Assert.Equal(data, AdaptiveCardJson.ReadData<SampleCards.OpenReturnData>(json.GetProperty("data")));
    }

    [Fact]
    public void SubmitActionPutsTheVerbInItsData()
    {
        var action = SubmitAction.Create("audit.draft", new SampleCards.GradeData("A-7", 2), "Save draft");

        Assert.True(AdaptiveCardJson.TryGetSubmitVerb(action.Data!.Value, out var verb));
        Assert.Equal("audit.draft", verb);
        Assert.Equal(2, action.Data.Value.GetProperty("section").GetInt32());
        Assert.Equal(new SampleCards.GradeData("A-7", 2), AdaptiveCardJson.ReadData<SampleCards.GradeData>(action.Data.Value));
    }

    [Fact]
    public void SubmitActionRefusesDataWithADifferentVerbOrNoObject()
    {
        Assert.Throws<ArgumentException>(() => SubmitAction.Create("a", new { Verb = "b" }, "x"));
        Assert.Throws<ArgumentException>(() => SubmitAction.Create("a", 42, "x"));
        Assert.Equal("a", SubmitAction.Create("a", new { Verb = "a" }, "x").Data!.Value.GetProperty("verb").GetString());
    }

    [Fact]
    public void KeepsNonAsciiTextReadable()
    {
        var json = AdaptiveCardJson.Serialize(new AdaptiveCard { Body = [new TextBlock("Café £5 – “quoted”")] });

        Assert.Contains("Café £5 – “quoted”", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FactsAndChoicesAreWrittenAsTitleThenValueAndReadBackInAnyCase()
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                new FactSet { Facts = [new Fact("●● · #1 · 12 dots", "Café \"quoted\"\n<b>"), new Fact("Due", null!)] },
                new ChoiceSetInput { Id = "i", Choices = [new Choice("Idea 1", "i1")] },
            ],
        };

        var json = AdaptiveCardJson.Serialize(card);

        Assert.Contains("""{"title":"●● · #1 · 12 dots","value":"Café \"quoted\"\n<b>"},{"title":"Due"}""", json,
            StringComparison.Ordinal);
        Assert.Contains("""{"title":"Idea 1","value":"i1"}""", json, StringComparison.Ordinal);
        var reflection = new JsonSerializerOptions(AdaptiveCardJson.Options);
        foreach (var direct in reflection.Converters.Where(c => c.GetType().Name is "FactConverter" or "ChoiceConverter").ToList())
        {
            reflection.Converters.Remove(direct);
        }

        Assert.Equal(2, AdaptiveCardJson.Options.Converters.Count - reflection.Converters.Count);
        foreach (var sample in new[] { card, SampleCards.AuditReturn(), SampleCards.Briefing() })
        {
            Assert.Equal(JsonSerializer.Serialize(sample, reflection), AdaptiveCardJson.Serialize(sample));
        }

        var read = AdaptiveCardJson.Deserialize("""
            {"type":"AdaptiveCard","version":"1.5","body":[
              {"type":"FactSet","facts":[{"Value":"v","extra":{"a":[1]},"TITLE":"t"},{"title":null,"value":"w"}]},
              {"type":"Input.ChoiceSet","id":"i","choices":[{"value":"c1","title":"One"}]}]}
            """);
        Assert.Equal([new Fact("t", "v"), new Fact(null!, "w")], ((FactSet)read.Body[0]).Facts);
        Assert.Equal(new Choice("One", "c1"), Assert.Single(((ChoiceSetInput)read.Body[1]).Choices));
        Assert.Throws<JsonException>(() => AdaptiveCardJson.Deserialize(
            """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"FactSet","facts":[{"title":1,"value":"v"}]}]}"""));
        Assert.Throws<JsonException>(() => AdaptiveCardJson.Deserialize(
            """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"FactSet","facts":["t"]}]}"""));
    }

    private static IEnumerable<JsonElement> ObjectsWithType(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out _))
            {
                yield return element;
            }

            foreach (var child in element.EnumerateObject().Where(p => p.Name != "data").SelectMany(p => ObjectsWithType(p.Value)))
            {
                yield return child;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray().SelectMany(ObjectsWithType))
            {
                yield return child;
            }
        }
    }
}
