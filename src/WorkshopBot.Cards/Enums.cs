using System.Text.Json.Serialization;

namespace WorkshopBot.Cards;

// Each enum carries its own converter and member names so the schema's exact strings are written; a converter
// registered in options takes precedence over these attributes, so it must not carry a naming policy.

[JsonConverter(typeof(JsonStringEnumConverter<Spacing>))]
public enum Spacing { None, Small, Default, Medium, Large, ExtraLarge, Padding }

[JsonConverter(typeof(JsonStringEnumConverter<TextSize>))]
public enum TextSize { Default, Small, Medium, Large, ExtraLarge }

[JsonConverter(typeof(JsonStringEnumConverter<TextWeight>))]
public enum TextWeight { Default, Lighter, Bolder }

[JsonConverter(typeof(JsonStringEnumConverter<TextColor>))]
public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }

[JsonConverter(typeof(JsonStringEnumConverter<TextBlockStyle>))]
public enum TextBlockStyle
{
    [JsonStringEnumMemberName("default")] Default,
    [JsonStringEnumMemberName("heading")] Heading,
}

[JsonConverter(typeof(JsonStringEnumConverter<HorizontalAlignment>))]
public enum HorizontalAlignment { Left, Center, Right }

[JsonConverter(typeof(JsonStringEnumConverter<VerticalContentAlignment>))]
public enum VerticalContentAlignment { Top, Center, Bottom }

[JsonConverter(typeof(JsonStringEnumConverter<ContainerStyle>))]
public enum ContainerStyle { Default, Emphasis, Good, Attention, Warning, Accent }

[JsonConverter(typeof(JsonStringEnumConverter<ImageSize>))]
public enum ImageSize { Auto, Stretch, Small, Medium, Large }

[JsonConverter(typeof(JsonStringEnumConverter<ImageStyle>))]
public enum ImageStyle { Default, Person }

[JsonConverter(typeof(JsonStringEnumConverter<ActionStyle>))]
public enum ActionStyle
{
    [JsonStringEnumMemberName("default")] Default,
    [JsonStringEnumMemberName("positive")] Positive,
    [JsonStringEnumMemberName("destructive")] Destructive,
}

[JsonConverter(typeof(JsonStringEnumConverter<AssociatedInputs>))]
public enum AssociatedInputs
{
    [JsonStringEnumMemberName("auto")] Auto,
    [JsonStringEnumMemberName("none")] None,
}

[JsonConverter(typeof(JsonStringEnumConverter<ChoiceInputStyle>))]
public enum ChoiceInputStyle
{
    [JsonStringEnumMemberName("compact")] Compact,
    [JsonStringEnumMemberName("expanded")] Expanded,
}

[JsonConverter(typeof(JsonStringEnumConverter<ChartColorSet>))]
public enum ChartColorSet
{
    [JsonStringEnumMemberName("categorical")] Categorical,
    [JsonStringEnumMemberName("sequential")] Sequential,
    [JsonStringEnumMemberName("diverging")] Diverging,
}
