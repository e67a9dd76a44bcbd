using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

// 943 476 5919 and 999 000 0018 are published test numbers with valid check digits; used only to prove detection.
public sealed class IdentifierScannerNhsNumbers
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("NHS no 943 476 5919 on file", "943 476 5919")]
    [InlineData("ref 943-476-5919.", "943-476-5919")]
    [InlineData("number 9434765919", "9434765919")]
    [InlineData("9990000018", "9990000018")]
    public void FlagsValidNhsNumbers(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.NhsNumber, expected);
        Assert.Equal($"This looks like an NHS number ({expected}).", finding.Message);
    }

    // A number pasted from a narrow column or split by the author's line break, or with invisible characters inside:
    // the finding shows the text exactly as typed, where it was typed, so the author can find and remove it.
    [Theory]
    [InlineData("Baby's NHS number 943 476\n5919 was on the form", "943 476\n5919")]
    [InlineData("NHS no 9434765\n919 (maternity)", "9434765\n919")]
    [InlineData("NHS no 943\r\n476\r\n5919", "943\r\n476\r\n5919")]
    [InlineData("NHS no 943\u200B476\u200B5919 on file", "943\u200B476\u200B5919")]
    [InlineData("NHS: \uFF19\uFF14\uFF13 476 5919.", "\uFF19\uFF14\uFF13 476 5919")]
    public void FlagsNhsNumbersBrokenAcrossLinesOrHiddenByInvisibleCharacters(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.NhsNumber, expected);
        Assert.Equal(expected.Length, finding.Length);
        Assert.Equal($"This looks like an NHS number ({expected}).", finding.Message);
    }

    // 999 470 1746 has a valid check digit too (computed; the 999 range is never issued). Grouped any other way than
    // 3-3-4, in two or three groups of at least three digits, it is still ten digits an author copied from a record.
    [Theory]
    [InlineData("999470 1746")]
    [InlineData("9994 701746")]
    [InlineData("99947 01746")]
    [InlineData("999 4701746")]
    [InlineData("9994701 746")]
    [InlineData("9994 701 746")]
    [InlineData("999 4701 746")]
    [InlineData("99947-01746")]
    [InlineData("9994 – 701746")]
    [InlineData("999470\n1746")]
    [InlineData("943 4765919")]
    [InlineData("94347 65919")]
    public void FlagsValidNhsNumbersInOddGroupings(string number)
    {
        foreach (var text in new[] { number, $"Her NHS number is {number} and she was not registered with a GP." })
        {
            IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.NhsNumber, number);
        }
    }

    // Ten digits in odd groups are an NHS number only with a valid check digit, with no digit group beside them and
    // not starting with 0 (the shape of a ten-digit phone number: 016977 1237 and 0808 300121 pass the check).
    [Theory]
    [InlineData("999470 1745")] // wrong check digit
    [InlineData("9994 701745")]
    [InlineData("Call 016977 1237 for the duty team")]
    [InlineData("Freephone 0808 300121")]
    [InlineData("01234 56789")]
    [InlineData("99947 017460")] // eleven digits
    [InlineData("12 999470 1746")] // part of a longer run of groups
    [InlineData("999470 1746 12")]
    [InlineData("999470.1746")] // a dot or slash joins odd groups only in 3-3-4
    [InlineData("999470/1746")]
    [InlineData("Tel 0121 303 1888, case CSC-2024-118, meeting 2024-03-12 at 10.30, grades 2 3 4")]
    [InlineData("Referrals were 2023 1432 and 2024 1567 across the partnership")]
    public void IgnoresOddlyGroupedNumbersThatAreNotNhsNumbers(string text)
    {
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.NhsNumber);
    }

    // Read out or typed in pairs, one digit at a time, or in four or more groups: still ten digits from a record.
    [Theory]
    [InlineData("99 94 70 17 46")]
    [InlineData("999 470 17 46")]
    [InlineData("9 9 9 4 7 0 1 7 4 6")]
    [InlineData("99-94-70-17-46")]
    [InlineData("99 - 94 - 70 - 17 - 46")]
    [InlineData("99 94 70 17\n46")]
    [InlineData("9994 70 17 46")]
    [InlineData("99947017 46")]
    [InlineData("9 994701746")]
    [InlineData("94 34 76 59 19")]
    [InlineData("943 47 65 91 9")]
    public void FlagsValidNhsNumbersInGroupsOfTwoOrInFourOrMoreGroups(string number)
    {
        foreach (var text in new[] { number, $"NHS number {number} was read out over the phone." })
        {
            var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.NhsNumber, number);
            Assert.Equal($"This looks like an NHS number ({number}).", finding.Message);
        }
    }

    // Ten digits that pass the check but are grouped as something else: a phone number after "+" or "(0)", a sum, a
    // date and a time, a year and a reference, a reference and a date. The digits pass the check digit, so only the
    // shape keeps them from being flagged.
    [Theory]
    [InlineData("The embassy's consular line, +32 2 523 45 67, was given to mother", "32 2 523 45 67")]
    [InlineData("The Hungarian office on +36 1 934 5678 was contacted", "36 1 934 5678")]
    [InlineData("The national budget of £2 234 567 890 was quoted", "2 234 567 890")]
    [InlineData("A total of 2 234 567 890 pence was quoted in error", "2 234 567 890")]
    [InlineData("The call was logged 12 03 24 10 38 by the call handler", "12 03 24 10 38")]
    [InlineData("Item 48 12 03 2024 on the action log was closed", "48 12 03 2024")]
    [InlineData("CAD 1232 12 03 24 was the police log for the call-out", "1232 12 03 24")]
    [InlineData("Case 2024-03-1234 was audited in the spring round", "2024-03-1234")]
    [InlineData("The freephone line 01 23 45 67 89 was printed on the leaflet", "01 23 45 67 89")]
    public void IgnoresValidCheckDigitsGroupedAsSomethingElse(string text, string digits)
    {
        Assert.True(NhsNumber.IsValid(digits.Replace(" ", string.Empty, StringComparison.Ordinal)));
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.NhsNumber);
    }

    // Scores or grades listed one or two digits at a time are values, even when ten of them pass the check digit
    // (4 0 1 0 2 3 2 0 8 0 does); so are values split by commas. The same digits after "NHS number" are a number.
    [Theory]
    [InlineData("The practitioner's scores 4 0 1 0 2 3 2 0 8 0 were shared with the panel")]
    [InlineData("Scores: 4 0 1 0 2 3 2 0 8 0")]
    [InlineData("The ten item scores were 4 0 1 0 2 3 2 0 8 0 across the tool")]
    [InlineData("Agencies graded the domains 4 0 1 0 2 3 2 0 8 0, in order")]
    [InlineData("scores 4, 0, 1, 0, 2, 3, 2, 0, 8, 0")]
    [InlineData("Ratings (items 1-10): 40 10 23 20 80")]
    public void IgnoresScoresListedOneOrTwoDigitsAtATime(string text)
    {
        Assert.True(NhsNumber.IsValid("4010232080"));
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.NhsNumber);
    }

    [Theory]
    [InlineData("The scores were noted. NHS number 4 0 1 0 2 3 2 0 8 0 was on the form", "4 0 1 0 2 3 2 0 8 0")]
    [InlineData("Scores and the NHS number 4 0 1 0 2 3 2 0 8 0 were on the form", "4 0 1 0 2 3 2 0 8 0")]
    [InlineData("scores 401 023 2080", "401 023 2080")]
    [InlineData("scores 4010232080", "4010232080")]
    public void FlagsTheSameDigitsAsANumberWhenTheyAreNotListedAsScores(string text, string expected) =>
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.NhsNumber, expected);

    // A UK phone number in any spacing is a phone number: allowed as the partnership's own, it draws nothing at all,
    // even though the ten digits after the 0 (7700 900 183, 161 496 0100) pass the NHS check digit.
    [Theory]
    [InlineData("Ring 07700 900 183 for the duty worker")]
    [InlineData("Ring 0161 496 0100 for the duty team")]
    [InlineData("Ring +44 7700 900183 from abroad")]
    [InlineData("Ring +44 (0) 77 00 90 01 83 from abroad")]
    [InlineData("Ring 07 70 09 00 18 3 for the duty worker")]
    [InlineData("Times 10 30 11 45 and 14 00 15 30 were agreed; the next meeting is on 12 03 2024")]
    [InlineData("Ring +44 (0) 161 496 0100 from abroad")]
    [InlineData("Ring 0044 161 496 0100 from abroad")]
    public void IgnoresPhoneNumbersDatesAndTimesInGroups(string text)
    {
        var allowing = new IdentifierScanner(new IdentifierScannerOptions
        {
            AllowedPhoneNumbers = ["07700 900183", "0161 496 0100"],
        });

        Assert.True(NhsNumber.IsValid("7700900183") && NhsNumber.IsValid("1614960100"));
        Assert.Empty(allowing.Scan(text));
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.NhsNumber);
    }

    // A whole NHS number a space after another number that has ended is an NHS number: a short number (a room, a bed, a
    // pseudonym's number, a date), a whole UK phone number or another NHS number before it, or a whole phone number or
    // NHS number after it.
    [Theory]
    [InlineData("Room 12 943 476 5919 on the ward list", "943 476 5919")]
    [InlineData("Bed 4 9434765919 on the ward list", "9434765919")]
    [InlineData("Child 1 943 476 5919 was on the form", "943 476 5919")]
    [InlineData("Mum 07700 900123 943 476 5919 (baby)", "943 476 5919")]
    [InlineData("Contact 0161 496 0100 943 476 5919", "943 476 5919")]
    [InlineData("Contact +44 7700 900123 943 476 5919", "943 476 5919")]
    [InlineData("Baby 943 476 5919 07700 900123 (mum)", "943 476 5919")]
    [InlineData("DOB 12-03-2019 943 476 5919", "943 476 5919")]
    public void FlagsAnNhsNumberSetOffFromANumberBeforeOrAfterIt(string text, string expected)
    {
        var finding = Assert.Single(_scanner.Scan(text), f => f.Kind == IdentifierKind.NhsNumber);

        Assert.Equal(expected, finding.Text);
        Assert.Equal(text.IndexOf(expected, StringComparison.Ordinal), finding.Start);
    }

    [Fact]
    public void FlagsTwoNhsNumbersOneAfterTheOther()
    {
        var findings = _scanner.Scan("Twins: 943 476 5919 999 470 1746 on the CP-IS search");

        Assert.Equal(["943 476 5919", "999 470 1746"], findings.Where(f => f.Kind == IdentifierKind.NhsNumber).Select(f => f.Text));
    }

    // 161 496 0100 passes the check digit. After a country code, a trunk prefix in brackets or the international prefix
    // it is the end of a phone number, and is found as the whole UK number.
    [Theory]
    [InlineData("Ring +44 161 496 0100 from abroad", "+44 161 496 0100")]
    [InlineData("Ring +44  161 496 0100 from abroad", "+44  161 496 0100")]
    [InlineData("Ring +44 (0) 161 496 0100 from abroad", "+44 (0) 161 496 0100")]
    [InlineData("Ring +44 (0)161 496 0100 from abroad", "+44 (0)161 496 0100")]
    [InlineData("Ring (+44) 161 496 0100 from abroad", "(+44) 161 496 0100")]
    [InlineData("Ring 0044 161 496 0100 from abroad", "0044 161 496 0100")]
    [InlineData("Ring 00 44 161 496 0100 from abroad", "00 44 161 496 0100")]
    public void ReadsTheEndOfAPhoneNumberAsThePhoneNumber(string text, string expected)
    {
        Assert.True(NhsNumber.IsValid("1614960100"));
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PhoneNumber, expected);
    }

    // Digits joined to the number by a mark, or a run of digits that may run on into it, or the end of a phone number
    // outside the UK: not read as an NHS number.
    [Theory]
    [InlineData("Ring +1 943 476 5919 in the US")]
    [InlineData("Ring +1  943 476 5919 in the US")]
    [InlineData("Ring 44 161 496 0100")]
    [InlineData("Ring 0 161 496 0100")]
    [InlineData("Ref 12-943-476-5919")]
    [InlineData("Ref 2023/943 476 5919")]
    [InlineData("Ref 12 34 943 476 5919")]
    [InlineData("Ref 1234567 943 476 5919")]
    [InlineData("Ref 943 476 5919 12")]
    [InlineData("Ref 943 476 5919-12")]
    [InlineData("Ref 129434765919")]
    public void IgnoresTheEndOfAPhoneNumberOrALongerNumber(string text)
    {
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.NhsNumber);
    }

    [Theory]
    [InlineData("943 476 5918")] // wrong check digit
    [InlineData("1234567890")] // check digit computes to 10: never valid
    [InlineData("Total spend was 1,234,567,890 across 2,000 families")] // a count, not an NHS number
    [InlineData("0000000000")]
    [InlineData("94347659190")] // eleven digits
    public void IgnoresTenDigitNumbersThatAreNotValidNhsNumbers(string text)
    {
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.NhsNumber);
    }

    [Fact]
    public void CheckDigitRuleAcceptsOnlyTheComputedDigit()
    {
        Assert.True(NhsNumber.IsValid("943 476 5919"));
        Assert.False(NhsNumber.IsValid("943 476 5917"));
        Assert.False(NhsNumber.IsValid("943 476 591"));
    }

    // Right after an NHS label ten digits are the child's NHS number even with a wrong check digit: one digit mistyped
    // still identifies the child. Without the label a wrong check digit still makes them something else.
    [Theory]
    [InlineData("NHS 9434765918", "9434765918")]
    [InlineData("NHS number: 9434765918", "9434765918")]
    [InlineData("NHS no 943 476 5918", "943 476 5918")]
    [InlineData("Her NHS No. 943-476-5918 was on the form", "943-476-5918")]
    [InlineData("NHS number is 9434 765 918", "9434 765 918")]
    [InlineData("NHS number 943:476:5918 on file", "943:476:5918")]
    public void RefusesTenDigitsAfterAnNhsLabelWhateverTheirCheckDigit(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.NhsNumber, expected);

        Assert.False(NhsNumber.IsValid(string.Concat(expected.Where(char.IsAsciiDigit))));
        Assert.False(finding.Confirmable);
    }

    [Theory]
    [InlineData("Ref 9434765918 was the case number")]
    [InlineData("943 476 5918")]
    [InlineData("NHS Trust 1234567890 was the invoice")]
    [InlineData("NHS No: 943476591")]
    public void LeavesTenDigitsWithAWrongCheckDigitAloneWithoutAnNhsLabel(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }
}
