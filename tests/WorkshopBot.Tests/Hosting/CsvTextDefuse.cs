using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Hosting;

namespace WorkshopBot.Tests.Hosting;

public sealed class CsvTextDefuse
{
    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("\uFF1DHYPERLINK(\"x\")", "'\uFF1DHYPERLINK(\"x\")")]
    [InlineData("\uFF0B1", "'\uFF0B1")]
    [InlineData("\uFF0D2", "'\uFF0D2")]
    [InlineData("\uFF20SUM(A1)", "'\uFF20SUM(A1)")]
    [InlineData("Prompt referral", "Prompt referral")]
    [InlineData("Costs \uFF0B1", "Costs \uFF0B1")]
    [InlineData("", "")]
    public void DefusesTextASpreadsheetWouldRun(string text, string expected) => Assert.Equal(expected, CsvText.Defuse(text));

    [Fact]
    public void DefusesFullWidthFormulaStartsInEveryCell()
    {
        Assert.Equal("\"'\uFF1D1\"", CsvText.Quoted("\uFF1D1"));
        Assert.Equal("'\uFF20A1", CsvText.Minimal("\uFF20A1"));
    }

    [Fact]
    public void QuotesOnlyWhenNeededOrAlways()
    {
        Assert.Equal("plain", CsvText.Minimal("plain"));
        Assert.Equal("\"a, \"\"b\"\"\"", CsvText.Minimal("a, \"b\""));
        Assert.Equal("\"plain\"", CsvText.Quoted("plain"));
        Assert.Equal("\"'=1\"", CsvText.Quoted("=1"));
    }
}
