using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// An invisible character (zero-width space, word joiner, soft hyphen, byte-order mark...) between two words joins
/// them into one token once it is read as nothing; read as a space it splits them again. The check reads both, so
/// neither a name nor a date nor a postcode hides in one token, and the finding shows the text as typed.
/// </summary>
public sealed class IdentifierScannerInvisibleJoins
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("Jane\u200BSmith attended the core group.", IdentifierKind.PersonName, "Jane\u200BSmith")]
    [InlineData("Piotr\u2060Nowak was not invited.", IdentifierKind.PersonName, "Piotr\u2060Nowak")]
    [InlineData("Her mother\u200BAisha said she was worried.", IdentifierKind.PersonName, "Aisha")]
    [InlineData("Mrs\u200CKaur attended.", IdentifierKind.PersonName, "Kaur")]
    [InlineData("Jane\u00ADSmith attended.", IdentifierKind.PersonName, "Jane\u00ADSmith")]
    [InlineData("The child was seen at SW1A\u200B1AA.", IdentifierKind.Postcode, "SW1A\u200B1AA")]
    [InlineData("Family address B33\uFEFF8TH.", IdentifierKind.Postcode, "B33\uFEFF8TH")]
    [InlineData("Seen with DOB\u200B12/03/2019 on the form.", IdentifierKind.DateOfBirth, "DOB\u200B12/03/2019")]
    [InlineData("Born\u200B14/07/2021 at the hospital.", IdentifierKind.DateOfBirth, "Born\u200B14/07/2021")]
    [InlineData("Seen at A&E after the fall, DOB\u200B12/03/2019 on the triage note.", IdentifierKind.DateOfBirth,
        "DOB\u200B12/03/2019")]
    [InlineData("NHS\u200B9994701746 on file.", IdentifierKind.NhsNumber, "9994701746")]
    public void FlagsIdentifiersJoinedToAWordByAnInvisibleCharacter(string text, IdentifierKind kind, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, kind, expected);
    }

    [Theory]
    [InlineData("Child\u200BA was seen by the Named\u200BNurse at Kingston\u200BHospital.")]
    [InlineData("Multi\u00ADagency safe\u00ADguarding training was held on 12/03/2024.")]
    [InlineData("Case CSC\u200B-2024-118: strategy meeting 2024-03-12 at 10.30, call 0808\u200B800\u200B5000.")]
    [InlineData("The \U0001F468\u200D\U0001F469\u200D\U0001F467 family session was graded good by CAMHS and the GP.")]
    [InlineData("\uFEFFThe ICPC was held on\u200B14 March 2024 and Child\u2060B was made subject to a plan.")]
    [InlineData("Mother\u200Bmay have been\u200Bspoken to by the HV; father\u200Bwill attend.")]
    [InlineData("Referral\u200Breceived 12/03/2024 from the school nurse.")]
    [InlineData("Seen at A&E after the fall on\u200B12/03/2024, and the HV was told the same day.")]
    public void IgnoresOrdinaryTextHoldingInvisibleCharacters(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }
}
