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

    [SeedCorpusFact]
    public void FindsOnlyTheBoardsPublishedContactDetailsInTheSeedDocuments()
    {
        var scanner = new IdentifierScanner();

        var seeds = SeedDocuments.All();
        var findings = seeds
            .SelectMany(seed => scanner.Scan(seed.Text).Select(f => $"{seed.Name}: {f.Kind} '{f.Text}'"))
            .ToList();

        // Where the board's contacts are printed, they are found: they really are a phone number and a mailbox.
        foreach (var seed in seeds.Where(s => s.Text.Contains(BoardPhone, StringComparison.Ordinal)))
        {
            Assert.Contains($"{seed.Name}: PhoneNumber '{BoardPhone}'", findings);
            Assert.Contains($"{seed.Name}: Email '{BoardEmail}'", findings);
        }

        Assert.All(findings, f => Assert.True(
            f.EndsWith($"PhoneNumber '{BoardPhone}'", StringComparison.Ordinal)
            || f.EndsWith($"Email '{BoardEmail}'", StringComparison.Ordinal),
            $"Unexpected finding in a published document: {f}"));
    }

    [SeedCorpusFact]
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
