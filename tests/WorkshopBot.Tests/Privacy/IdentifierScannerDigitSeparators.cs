using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// What stands between the groups of an NHS number, a date or a phone number does not hide it: an underscore, a middle
/// dot or a bullet, a dash of any kind, a backslash, as well as the no-break, thin and zero-width spaces and full-width
/// digits read before; the braille blank and Hangul fillers; and O, o, l or I typed for a digit inside a number. The same
/// characters elsewhere ("case_ref_2024_118", "Agency · case 4", "3·5 kg", "2019–2020")
/// are left as typed.
/// </summary>
public sealed class IdentifierScannerDigitSeparators
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("NHS number 943_476_5919 on file", IdentifierKind.NhsNumber, "943_476_5919")]
    [InlineData("NHS number 943_476_59_19 on file", IdentifierKind.NhsNumber, "943_476_59_19")]
    [InlineData("NHS number 9434_765919 on file", IdentifierKind.NhsNumber, "9434_765919")]
    [InlineData("NHS number 943__476__5919 on file", IdentifierKind.NhsNumber, "943__476__5919")]
    [InlineData("NHS number 943\u00B7476\u00B75919 on file", IdentifierKind.NhsNumber, "943\u00B7476\u00B75919")]
    [InlineData("NHS number 943\u2022476\u20225919 on file", IdentifierKind.NhsNumber, "943\u2022476\u20225919")]
    [InlineData("NHS number 943\u2219476\u22195919 on file", IdentifierKind.NhsNumber, "943\u2219476\u22195919")]
    [InlineData("NHS number 943\u30FB476\u30FB5919 on file", IdentifierKind.NhsNumber, "943\u30FB476\u30FB5919")]
    [InlineData("NHS number 943 \u00B7 476 \u00B7 5919 on file", IdentifierKind.NhsNumber, "943 \u00B7 476 \u00B7 5919")]
    [InlineData("NHS number 943\u2012476\u20125919 on file", IdentifierKind.NhsNumber, "943\u2012476\u20125919")]
    [InlineData("NHS number 943\u2015476\u20155919 on file", IdentifierKind.NhsNumber, "943\u2015476\u20155919")]
    [InlineData("NHS number 943\\476\\5919 on file", IdentifierKind.NhsNumber, "943\\476\\5919")]
    [InlineData("NHS number 943\u2013476\u20135919 on file", IdentifierKind.NhsNumber, "943\u2013476\u20135919")]
    [InlineData("NHS number 943\u00A0476\u20095919 on file", IdentifierKind.NhsNumber, "943\u00A0476\u20095919")]
    [InlineData("NHS number 943\u202F476\u200B5919 on file", IdentifierKind.NhsNumber, "943\u202F476\u200B5919")]
    [InlineData("NHS number \uFF19\uFF14\uFF13_\uFF14\uFF17\uFF16_\uFF15\uFF19\uFF11\uFF19 on file", IdentifierKind.NhsNumber,
        "\uFF19\uFF14\uFF13_\uFF14\uFF17\uFF16_\uFF15\uFF19\uFF11\uFF19")]
    [InlineData("Tyler, 01_02_2019, was not seen", IdentifierKind.DateOfBirth, "01_02_2019")]
    [InlineData("Seen with DOB 01_02_2019 on the form", IdentifierKind.DateOfBirth, "DOB 01_02_2019")]
    [InlineData("The front sheet gave only 01_02_2019", IdentifierKind.DateOfBirth, "01_02_2019")]
    [InlineData("Seen with DOB 2019_02_01 on the form", IdentifierKind.DateOfBirth, "DOB 2019_02_01")]
    [InlineData("Seen with DOB 01\u00B702\u00B72019 on the form", IdentifierKind.DateOfBirth, "DOB 01\u00B702\u00B72019")]
    [InlineData("Seen with DOB 01\u201302\u20132019 on the form", IdentifierKind.DateOfBirth, "DOB 01\u201302\u20132019")]
    [InlineData("The front sheet gave only 01\u201302\u20132019", IdentifierKind.DateOfBirth, "01\u201302\u20132019")]
    [InlineData("Seen with DOB 2019\u201402\u201401 on the form", IdentifierKind.DateOfBirth, "DOB 2019\u201402\u201401")]
    [InlineData("Tyler, 12\u2013March\u20132019, was not seen", IdentifierKind.DateOfBirth, "12\u2013March\u20132019")]
    [InlineData("Seen with DOB 01\\02\\2019 on the form", IdentifierKind.DateOfBirth, "DOB 01\\02\\2019")]
    [InlineData("Mother's mobile is 07700_900_123", IdentifierKind.PhoneNumber, "07700_900_123")]
    [InlineData("Mother's mobile is 07700\u2013900123", IdentifierKind.PhoneNumber, "07700\u2013900123")]
    public void FlagsIdentifiersWhateverSeparatesTheirDigits(string text, IdentifierKind kind, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, kind, expected);
    }

    // Blanks that Unicode counts as symbols or letters (the braille blank, the Hangul fillers), and letters typed for digits.
    [Theory]
    [InlineData("NHS number 943\u2800476\u28005919 on file", IdentifierKind.NhsNumber, "943\u2800476\u28005919")]
    [InlineData("NHS number 943\u3164476\u31645919 on file", IdentifierKind.NhsNumber, "943\u3164476\u31645919")]
    [InlineData("NHS number 943\uFFA0476\u115F5919 on file", IdentifierKind.NhsNumber, "943\uFFA0476\u115F5919")]
    [InlineData("NHS number 943\u1160476 5919 on file", IdentifierKind.NhsNumber, "943\u1160476 5919")]
    [InlineData("Mother's mobile is 07700\u2800900123", IdentifierKind.PhoneNumber, "07700\u2800900123")]
    [InlineData("Seen with DOB 12\u316403\u31642019 on the form", IdentifierKind.DateOfBirth, "DOB 12\u316403\u31642019")]
    [InlineData("NHS number 943 476 59l9 on file", IdentifierKind.NhsNumber, "943 476 59l9")]
    [InlineData("NHS number 943 476 S9I9 on file", null, null)]
    [InlineData("Mother's mobile is O77OO 9OO123", IdentifierKind.PhoneNumber, "O77OO 9OO123")]
    [InlineData("Seen with DOB 1O/O2/2O19 on the form", IdentifierKind.DateOfBirth, "DOB 1O/O2/2O19")]
    [InlineData("The family moved to ol6 7ab in the spring", IdentifierKind.Postcode, "ol6 7ab")]
    [InlineData("The family moved to l60 6rd in the spring", IdentifierKind.Postcode, "l60 6rd")]
    public void FlagsIdentifiersWrittenWithBlanksOrLettersForDigits(string text, IdentifierKind? kind, string? expected)
    {
        if (kind is { } flagged)
        {
            IdentifierFindings.AssertSingle(_scanner, text, flagged, expected!);
        }
        else
        {
            Assert.Empty(_scanner.Scan(text)); // "S9I9" holds a letter that stands for no digit: a word, left as typed
        }
    }

    /// <summary>Digits of another script between colons or pipes are read, not a reason to fail the whole check.</summary>
    [Theory]
    [InlineData("Seen with DOB \u0660\u0661:\u0660\u0662:\u0662\u0660\u0661\u0669 on the form")]
    [InlineData("DOB|\u09E6\u09E7|\u09E6\u09E8|\u09E8\u09E6\u09E7\u09EF|")]
    public void ReadsDatesWrittenInOtherScriptsDigitsBetweenColonsOrPipes(string text)
    {
        Assert.Contains(_scanner.Scan(text), f => f.Kind == IdentifierKind.DateOfBirth && !f.Confirmable);
    }

    [Theory]
    [InlineData("See case_ref_2024_118 and ref_2023_045_1234 in the file")]
    [InlineData("Room 1O1 and form IO2 were used; C2O1 is the team's code; Oo and lI are not numbers")]
    [InlineData("Braille\u2800blank and Hangul\u3164filler between words")]
    [InlineData("Photo IMG_2024_0312 and v1_2_3 of the tool were attached")]
    [InlineData("Agency \u00B7 case 4 \u00B7 returns due 3 March")]
    [InlineData("Voting open \u00B7 4 of 6 participants voted \u00B7 3 dots each")]
    [InlineData("The baby weighed 3\u00B75 kg; the scores were 4\u00B70 and 2\u00B75")]
    [InlineData("Between 2019\u20132020 and 2021\u20132022 the case was open; the child was aged 3\u20134 years")]
    [InlineData("Admitted 12/03/2024\u201314/03/2024 and seen daily on the ward")]
    public void IgnoresTheSameCharactersInOrdinaryText(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }
}
