namespace WorkshopBot.Common;

/// <summary>A professional user of the bot: their directory (Entra) object id and display name.</summary>
public sealed record PersonRef(string UserId, string DisplayName)
{
    /// <summary>Same directory object id; an empty id (an activity without one) is nobody, not everybody.</summary>
    public bool IsSamePerson(PersonRef? other) =>
        other is not null && !string.IsNullOrWhiteSpace(UserId) && string.Equals(UserId, other.UserId, StringComparison.OrdinalIgnoreCase);

    public static DomainResult<PersonRef> Create(string? userId, string? displayName, string role)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return DomainResult<PersonRef>.Fail(DomainErrorKind.Invalid, $"Choose a person as {role}.");
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 200)
        {
            return DomainResult<PersonRef>.Fail(DomainErrorKind.Invalid, $"The {role} needs a display name (up to 200 characters).");
        }

        return DomainResult<PersonRef>.Ok(new PersonRef(userId.Trim(), displayName.Trim()));
    }
}
