namespace WorkshopBot.Common;

/// <summary>
/// A professional user of the bot: their directory (Entra) object id and display name, and the tenant the id belongs
/// to. A person is the pair (tenant, object id): the same object id from another tenant is someone else.
/// </summary>
public sealed record PersonRef(string UserId, string DisplayName)
{
    /// <summary>
    /// The Microsoft 365 tenant of <see cref="UserId"/>. Null only for a person of a document without a tenant
    /// (development mode, no organisation): people stored before tenants were kept take their document's tenant whenever
    /// it is read (<c>Storage.PersonTenants</c>), and a production turn always has one (the door refuses any other).
    /// </summary>
    public string? TenantId { get; init; }

    /// <summary>
    /// Same directory object id in the same tenant (when both are known). An empty id (an activity without one) is
    /// nobody, not everybody. A side without a tenant matches any: after the read above, that is a person of a document
    /// without a tenant, which a turn of a tenant never reads (DocumentKind.BelongsTo), or a roster member compared with
    /// the audit's own people.
    /// </summary>
    public bool IsSamePerson(PersonRef? other) =>
        other is not null
        && !string.IsNullOrWhiteSpace(UserId)
        && string.Equals(UserId, other.UserId, StringComparison.OrdinalIgnoreCase)
        && (string.IsNullOrEmpty(TenantId) || string.IsNullOrEmpty(other.TenantId)
            || string.Equals(TenantId, other.TenantId, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True when this person's tenant is known and is not <paramref name="tenantId"/>: someone of another organisation,
    /// who cannot be given a role on a document of that one. A person without a tenant is stamped with the document's.
    /// A document without a tenant (development mode) so takes only people without one, as the roster pickers do for a
    /// turn without a tenant (<c>Teams.TeamMember.BelongsTo</c>).
    /// </summary>
    public bool IsOfAnotherTenant(string? tenantId) =>
        !string.IsNullOrEmpty(TenantId) && !string.Equals(TenantId, tenantId, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The refusal when a person of another organisation is chosen as <paramref name="role"/>: polite, naming nobody.
    /// </summary>
    public static DomainResult OutsideOrganisation(string role) => DomainResult.NotAllowed(
        $"The {role} you chose is outside this organisation, so they can't be given this role. "
        + "Please choose someone from your own organisation. Nothing was changed.");

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
