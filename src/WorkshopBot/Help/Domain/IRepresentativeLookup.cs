using WorkshopBot.Common;

namespace WorkshopBot.Help.Domain;

/// <summary>Lets the audit feature tell the help card whether someone represents an agency, without help knowing audits.</summary>
public interface IRepresentativeLookup
{
    /// <summary>True when the person (object id and tenant) represents an agency in an audit of their own organisation.</summary>
    Task<bool> IsRepresentativeAsync(PersonRef person, CancellationToken cancellationToken);
}
