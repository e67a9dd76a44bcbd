namespace WorkshopBot.Common;

/// <summary>
/// A professional user of the bot: their directory (Entra) object id and display name, and the tenant the id belongs
/// to. A person is the pair (tenant, object id): the same object id from another tenant is someone else.
/// </summary>
public sealed record PersonRef(string UserId, string DisplayName)
{
    /// <summary>The Microsoft 365 tenant of <see cref="UserId"/>; null for people recorded before tenants were kept.</summary>
    public string? TenantId { get; init; }

    /// <summary>
    /// Same directory object id in the same tenant (when both are known). An empty id (an activity without one) is
    /// nobody, not everybody.
    /// </summary>
    public bool IsSamePerson(PersonRef? other) =>
        other is not null
        && !string.IsNullOrWhiteSpace(UserId)
        && string.Equals(UserId, other.UserId, StringComparison.OrdinalIgnoreCase)
        && (string.IsNullOrEmpty(TenantId) || string.IsNullOrEmpty(other.TenantId)
            || string.Equals(TenantId, other.TenantId, StringComparison.OrdinalIgnoreCase));

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
