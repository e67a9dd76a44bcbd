using System.Text.Json.Serialization;

namespace WorkshopBot.Common.Privacy;

/// <summary>The kinds of direct identifier that must not be stored in free text about a child.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IdentifierKind>))]
public enum IdentifierKind
{
    NhsNumber,
    DateOfBirth,
    Postcode,
    PhoneNumber,
    Email,
    PersonName,
    StreetAddress,

    /// <summary>
    /// Not an identifier: the text could not be checked (a pattern ran out of time on a starved machine). Never
    /// confirmable, so text that was not checked is never stored.
    /// </summary>
    Unchecked,
}
