using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// The seeds are published, anonymised audit reports, so any finding in them is a false positive, except the
/// Northamptonshire board's own published contact phone and mailbox, which really are a phone number and an
/// email address and are allowed through the scanner's organisational allow-list.
/// </summary>
public sealed class IdentifierScannerSeeds
{
    private const string BoardPhone = "01604 364036";
    private const string BoardEmail = "NSCB@northamptonshire.gcsx.gov.uk";

    [Fact]
    public void FindsOnlyTheBoardsPublishedContactDetailsInTheSeedDocuments()
    {
        var scanner = new IdentifierScanner();

        var findings = SeedDocuments.All()
            .SelectMany(seed => scanner.Scan(seed.Text).Select(f => $"{seed.Name}: {f.Kind} '{f.Text}'"))
            .ToList();

        Assert.Equal(5, SeedDocuments.All().Count);
        Assert.Equal(
            [
                $"003_a75809148f0a40d4.txt: PhoneNumber '{BoardPhone}'",
                $"003_a75809148f0a40d4.txt: Email '{BoardEmail}'",
            ],
            findings);
    }

    [Fact]
    public void FindsNothingInTheSeedDocumentsOnceTheBoardsContactsAreAllowed()
    {
        var scanner = new IdentifierScanner(new IdentifierScannerOptions
        {
            AllowedEmails = [BoardEmail.ToLowerInvariant()],
            AllowedPhoneNumbers = ["+44 1604 364036"],
        });

        var findings = SeedDocuments.All()
            .SelectMany(seed => scanner.Scan(seed.Text).Select(f => $"{seed.Name}: {f.Kind} '{f.Text}'"))
            .ToList();

        Assert.Empty(findings);
    }
}
