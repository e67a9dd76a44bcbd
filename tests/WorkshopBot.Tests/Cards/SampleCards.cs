using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.Cards;

/// <summary>Cards that between them use every element and action type the model offers. Pseudonymous data only.</summary>
internal static class SampleCards
{
    public sealed record OpenReturnData(string AuditId, string CaseRef, string Agency);

    public sealed record GradeData(string AuditId, int Section);

    public static AdaptiveCard AuditReturn() => new()
    {
        FallbackText = "Audit return for case C-01",
        MsTeams = TeamsCardProperties.FullWidth,
        Refresh = new CardRefresh(
            ExecuteAction.Create("audit.refresh", new OpenReturnData("A-7", "C-01", "Police"), "Refresh"),
            ["29:user-a", "29:user-b"]),
        Body =
        [
            new TextBlock("Neglect audit: case C-01")
            {
                Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Wrap = true,
            },
            new TextBlock("Single-agency view, Police") { IsSubtle = true, Color = TextColor.Accent, Spacing = Spacing.None, MaxLines = 2 },
            new FactSet { Facts = [new Fact("Due", "2026-12-01"), new Fact("Look-back", "12 months")] },
            new TextInput
            {
                Id = "goodPractice", Label = "What worked well?", IsMultiline = true, MaxLength = 2000,
                Placeholder = "No names or dates of birth", IsRequired = true, ErrorMessage = "Please describe what worked well.",
            },
            new TextInput { Id = "ref", Label = "Agency reference", Regex = "^[A-Z]{2}[0-9]{4}$", Value = "AB1234" },
            new NumberInput { Id = "contacts", Label = "Contacts in period", Min = 0, Max = 500, Value = 3 },
            new DateInput
            {
                Id = "strategyDate", Label = "Strategy meeting date", Value = new DateOnly(2026, 3, 14), Min = new DateOnly(2025, 1, 1),
            },
            new ToggleInput
            {
                Id = "unsafeNow", Title = "A child is unsafe now", Value = "false", ValueOn = "true", ValueOff = "false",
                Label = "Immediate safety",
            },
            new ChoiceSetInput
            {
                Id = "grade", Label = "Single-agency grade", Style = ChoiceInputStyle.Expanded, Value = "good",
                Choices =
                [
                    new Choice("Outstanding", "outstanding"), new Choice("Good", "good"), new Choice("Requires improvement", "ri"),
                    new Choice("Inadequate", "inadequate"),
                ],
            },
            new ChoiceSetInput
            {
                Id = "themes", Label = "Themes", Style = ChoiceInputStyle.Compact, IsMultiSelect = true, Value = "voice,fathers",
                Choices = [new Choice("Voice of the child", "voice"), new Choice("Engaging fathers", "fathers")],
            },
            new ActionSet
            {
                Separator = true,
                Actions =
                [
                    ExecuteAction.Create("audit.grade", new GradeData("A-7", 2), "Save grade")
                        with { Style = ActionStyle.Positive, AssociatedInputs = AssociatedInputs.Auto },
                    SubmitAction.Create("audit.draft", new GradeData("A-7", 2), "Save draft")
                        with { AssociatedInputs = AssociatedInputs.None },
                ],
            },
        ],
        Actions =
        [
            ExecuteAction.Create("audit.submit", new OpenReturnData("A-7", "C-01", "Police"), "Submit return")
                with { Style = ActionStyle.Positive },
            new OpenUrlAction(new Uri("https://example.org/procedures/neglect"), "Local procedure"),
        ],
    };

    public static AdaptiveCard Briefing() => new()
    {
        FallbackText = "7-minute briefing: neglect",
        Body =
        [
            new Container
            {
                Id = "background",
                Style = ContainerStyle.Emphasis,
                Bleed = true,
                SelectAction = new ToggleVisibilityAction { TargetElements = ["backgroundDetail"] },
                Items =
                [
                    new TextBlock("1. Background: what did we audit?") { Weight = TextWeight.Bolder, Wrap = true },
                    new TextBlock("Six cases, five agencies.") { Id = "backgroundDetail", IsVisible = false, Wrap = true },
                ],
            },
            new RichTextBlock
            {
                HorizontalAlignment = HorizontalAlignment.Left,
                Inlines =
                [
                    new TextRun { Text = "Why it matters: ", Weight = TextWeight.Bolder },
                    new TextRun
                    {
                        Text = "babies cannot tell us.", Italic = true, Highlight = true, Underline = true, Strikethrough = false,
                    },
                ],
            },
            new ColumnSet
            {
                Columns =
                [
                    new Column
                    {
                        Width = ColumnWidth.Auto,
                        Items =
                        [
                            new Image
                            {
                                Url = new Uri("https://example.org/icon.png"), AltText = "Partnership logo", Size = ImageSize.Small,
                                Style = ImageStyle.Default,
                            },
                        ],
                    },
                    new Column
                    {
                        Width = ColumnWidth.Stretch, VerticalContentAlignment = VerticalContentAlignment.Center,
                        Items = [new TextBlock("What worked well") { Wrap = true }],
                    },
                    new Column
                    {
                        Width = ColumnWidth.Weighted(2), Separator = true,
                        Items = [new TextBlock("Health visiting") { Color = TextColor.Good }],
                    },
                    new Column
                    {
                        Width = ColumnWidth.Pixels(60),
                        Items = [new TextBlock("4 votes") { HorizontalAlignment = HorizontalAlignment.Right }],
                    },
                ],
            },
            new Table
            {
                FirstRowAsHeader = true,
                ShowGridLines = true,
                GridStyle = ContainerStyle.Accent,
                Columns = [new TableColumnDefinition(ColumnWidth.Weighted(3)), new TableColumnDefinition(ColumnWidth.Pixels(80))],
                Rows =
                [
                    new TableRow(
                        new TableCell(new TextBlock("Grade") { Weight = TextWeight.Bolder }),
                        new TableCell(new TextBlock("Cases") { Weight = TextWeight.Bolder })),
                    new TableRow(new TableCell(new TextBlock("Good")), new TableCell(new TextBlock("5"))),
                ],
            },
            new VerticalBarChart
            {
                Title = "Grades",
                XAxisTitle = "Grade",
                YAxisTitle = "Cases",
                ShowBarValues = true,
                Data = [new BarChartPoint("Good", 5), new BarChartPoint("Requires improvement", 6) { Color = "warning" }],
                Fallback = new TextBlock("Good 5, requires improvement 6") { Wrap = true },
            },
            new HorizontalBarChart
            {
                Title = "Votes",
                Data = [new BarChartPoint("Think family", 4), new BarChartPoint("Voice of the child", 7)],
                Fallback = new FactSet { Facts = [new Fact("Think family", "4"), new Fact("Voice of the child", "7")] },
            },
            new DonutChart
            {
                Title = "Returns",
                ColorSet = ChartColorSet.Categorical,
                Data = [new ChartSlice("Returned", 9), new ChartSlice("Outstanding", 3)],
                Fallback = new TextBlock("9 returned, 3 outstanding"),
            },
            new PieChart
            {
                Title = "Agencies",
                Spacing = Spacing.Large,
                Data = [new ChartSlice("Health", 4), new ChartSlice("Police", 2)],
                Fallback = new Table
                {
                    Columns = [new TableColumnDefinition(ColumnWidth.Weighted(1)), new TableColumnDefinition(ColumnWidth.Weighted(1))],
                    Rows = [new TableRow(new TableCell(new TextBlock("Health")), new TableCell(new TextBlock("4")))],
                },
            },
        ],
        Actions =
        [
            new ShowCardAction
            {
                Title = "Record that your team used this",
                Card = new AdaptiveCard
                {
                    Body = [new NumberInput { Id = "attended", Label = "How many attended?", Min = 1 }],
                    Actions = [ExecuteAction.Create("briefing.used", new GradeData("B-1", 0), "Send")],
                },
            },
            new ToggleVisibilityAction { Title = "Show background", TargetElements = ["backgroundDetail"] },
        ],
    };
}
