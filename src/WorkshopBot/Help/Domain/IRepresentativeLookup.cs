namespace WorkshopBot.Help.Domain;

/// <summary>Lets the audit feature tell the help card whether someone represents an agency, without help knowing audits.</summary>
public interface IRepresentativeLookup
{
    Task<bool> IsRepresentativeAsync(string userKey, CancellationToken cancellationToken);
}
