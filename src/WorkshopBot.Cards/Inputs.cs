namespace WorkshopBot.Cards;

/// <summary>An input. Its <see cref="CardElement.Id"/> is the key its value is submitted under, so set it.</summary>
public abstract record InputElement : CardElement
{
    /// <summary>Visible label; Teams reads it to screen-reader users and the schema expects it on required inputs.</summary>
    public string? Label { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}

public sealed record TextInput : InputElement
{
    public string? Placeholder { get; init; }

    public bool? IsMultiline { get; init; }

    public int? MaxLength { get; init; }

    public string? Regex { get; init; }

    public string? Value { get; init; }
}

public sealed record NumberInput : InputElement
{
    public string? Placeholder { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public double? Value { get; init; }
}

/// <summary>A date picker; dates travel as "yyyy-MM-dd".</summary>
public sealed record DateInput : InputElement
{
    public string? Placeholder { get; init; }

    public DateOnly? Min { get; init; }

    public DateOnly? Max { get; init; }

    public DateOnly? Value { get; init; }
}

public sealed record ToggleInput : InputElement
{
    public required string Title { get; init; }

    public string? Value { get; init; }

    public string? ValueOn { get; init; }

    public string? ValueOff { get; init; }

    public bool? Wrap { get; init; }
}

public sealed record ChoiceSetInput : InputElement
{
    public required IReadOnlyList<Choice> Choices { get; init; }

    public ChoiceInputStyle? Style { get; init; }

    public bool? IsMultiSelect { get; init; }

    /// <summary>The selected value; several values are comma-separated when <see cref="IsMultiSelect"/> is set.</summary>
    public string? Value { get; init; }

    public string? Placeholder { get; init; }

    public bool? Wrap { get; init; }
}

public sealed record Choice(string Title, string Value);
