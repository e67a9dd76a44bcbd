using System.Text.Json.Serialization;

namespace WorkshopBot.Cards;

/// <summary>An element of a card body. The JSON <c>type</c> discriminator is written first.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(Table), "Table")]
[JsonDerivedType(typeof(Image), "Image")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(NumberInput), "Input.Number")]
[JsonDerivedType(typeof(DateInput), "Input.Date")]
[JsonDerivedType(typeof(ToggleInput), "Input.Toggle")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(VerticalBarChart), "Chart.VerticalBar")]
[JsonDerivedType(typeof(HorizontalBarChart), "Chart.HorizontalBar")]
[JsonDerivedType(typeof(DonutChart), "Chart.Donut")]
[JsonDerivedType(typeof(PieChart), "Chart.Pie")]
public abstract record CardElement
{
    public string? Id { get; init; }

    public bool? IsVisible { get; init; }

    public Spacing? Spacing { get; init; }

    public bool? Separator { get; init; }
}

public sealed record TextBlock : CardElement
{
    public TextBlock()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public TextBlock(string text) => Text = text;

    public required string Text { get; init; }

    public TextSize? Size { get; init; }

    public TextWeight? Weight { get; init; }

    public TextColor? Color { get; init; }

    public bool? IsSubtle { get; init; }

    public bool? Wrap { get; init; }

    public int? MaxLines { get; init; }

    public HorizontalAlignment? HorizontalAlignment { get; init; }

    /// <summary>"heading" lets screen readers announce the block as a heading (1.5).</summary>
    public TextBlockStyle? Style { get; init; }
}

public sealed record RichTextBlock : CardElement
{
    public required IReadOnlyList<TextRun> Inlines { get; init; }

    public HorizontalAlignment? HorizontalAlignment { get; init; }
}

public sealed record TextRun
{
    [JsonPropertyOrder(-1)]
    public string Type => "TextRun";

    public required string Text { get; init; }

    public TextSize? Size { get; init; }

    public TextWeight? Weight { get; init; }

    public TextColor? Color { get; init; }

    public bool? IsSubtle { get; init; }

    public bool? Italic { get; init; }

    public bool? Strikethrough { get; init; }

    public bool? Underline { get; init; }

    public bool? Highlight { get; init; }
}

public sealed record FactSet : CardElement
{
    public required IReadOnlyList<Fact> Facts { get; init; }
}

public sealed record Fact(string Title, string Value);

public sealed record ColumnSet : CardElement
{
    public required IReadOnlyList<Column> Columns { get; init; }

    public ContainerStyle? Style { get; init; }

    public bool? Bleed { get; init; }

    public CardAction? SelectAction { get; init; }
}

public sealed record Column
{
    [JsonPropertyOrder(-1)]
    public string Type => "Column";

    public string? Id { get; init; }

    public bool? IsVisible { get; init; }

    public Spacing? Spacing { get; init; }

    public bool? Separator { get; init; }

    public ColumnWidth? Width { get; init; }

    public required IReadOnlyList<CardElement> Items { get; init; }

    public VerticalContentAlignment? VerticalContentAlignment { get; init; }

    public ContainerStyle? Style { get; init; }
}

public sealed record Container : CardElement
{
    public required IReadOnlyList<CardElement> Items { get; init; }

    public ContainerStyle? Style { get; init; }

    public bool? Bleed { get; init; }

    public VerticalContentAlignment? VerticalContentAlignment { get; init; }

    /// <summary>Makes the whole container clickable. Action.ShowCard is not allowed here.</summary>
    public CardAction? SelectAction { get; init; }
}

public sealed record Table : CardElement
{
    public required IReadOnlyList<TableColumnDefinition> Columns { get; init; }

    public required IReadOnlyList<TableRow> Rows { get; init; }

    public bool? FirstRowAsHeader { get; init; }

    public bool? ShowGridLines { get; init; }

    public ContainerStyle? GridStyle { get; init; }
}

/// <summary>A table column; its width is a weight or pixels (not auto/stretch).</summary>
public sealed record TableColumnDefinition(ColumnWidth Width);

public sealed record TableRow
{
    public TableRow()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public TableRow(params IReadOnlyList<TableCell> cells) => Cells = cells;

    [JsonPropertyOrder(-1)]
    public string Type => "TableRow";

    public required IReadOnlyList<TableCell> Cells { get; init; }

    public ContainerStyle? Style { get; init; }
}

public sealed record TableCell
{
    public TableCell()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public TableCell(params IReadOnlyList<CardElement> items) => Items = items;

    [JsonPropertyOrder(-1)]
    public string Type => "TableCell";

    public required IReadOnlyList<CardElement> Items { get; init; }

    public ContainerStyle? Style { get; init; }
}

public sealed record Image : CardElement
{
    public required Uri Url { get; init; }

    public string? AltText { get; init; }

    public ImageSize? Size { get; init; }

    public ImageStyle? Style { get; init; }

    public HorizontalAlignment? HorizontalAlignment { get; init; }
}

public sealed record ActionSet : CardElement
{
    public required IReadOnlyList<CardAction> Actions { get; init; }
}
