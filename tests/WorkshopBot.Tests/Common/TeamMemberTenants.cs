using WorkshopBot.Common.Teams;

namespace WorkshopBot.Tests.Common;

/// <summary>
/// A roster member belongs to the turn's organisation when Teams names the same tenant id, whatever its letters' case
/// (a GUID); a tenant id with stray spaces, another tenant's, or none is not known to be the same and is refused. A turn
/// without a tenant (local development mode only) takes members without one, and no member of any tenant.
/// </summary>
public sealed class TeamMemberTenants
{
    private const string Ours = "4d3c2b1a-0f9e-4d8c-8b7a-6e5f4d3c2b1a";

    [Theory]
    [InlineData(Ours, true)]
    [InlineData("4D3C2B1A-0F9E-4D8C-8B7A-6E5F4D3C2B1A", true)]
    [InlineData(" " + Ours, false)]
    [InlineData(Ours + " ", false)]
    [InlineData("7e6d5c4b-1111-4222-8333-444455556666", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void BelongsOnlyToTheSameTenantIgnoringCase(string? memberTenant, bool belongs)
    {
        var member = new TeamMember("29:m", "aad-m", "Member", memberTenant);

        Assert.Equal(belongs, member.BelongsTo(Ours));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData(Ours, false)]
    [InlineData("7e6d5c4b-1111-4222-8333-444455556666", false)]
    [InlineData(" ", false)]
    public void ATurnWithoutATenantTakesOnlyMembersWithoutOne(string? memberTenant, bool belongs)
    {
        var member = new TeamMember("29:m", "aad-m", "Member", memberTenant);

        Assert.Equal(belongs, member.BelongsTo(null));
        Assert.Equal(belongs, member.BelongsTo(string.Empty));
    }
}
