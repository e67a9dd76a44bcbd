namespace WorkshopBot.Audits.Domain;

/// <summary>The lawful basis and governance references recorded on each audit. All optional until issue.</summary>
public sealed record DataProtectionRecord(string? LawfulBasis, string? DpiaReference, string? DataSharingAgreementReference)
{
    public const int MaxLength = 300;

    public static DataProtectionRecord Empty { get; } = new(null, null, null);
}
