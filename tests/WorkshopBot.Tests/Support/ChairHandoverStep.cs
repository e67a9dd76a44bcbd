using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// A partnership admin's chair handover, made with the bot's own handover (the audit, its workshops and its action plan
/// change in one unit of work), for a test to place with <see cref="DocumentSeams"/> in the middle of the old chair's press.
/// </summary>
internal static class ChairHandoverStep
{
    public static readonly TestUser Admin = BotTestHost.User("Partnership Business Manager");

    public static Task HandOverAsync(BotTestHost host, Guid auditId, TestUser from, TestUser to) => host.WorkAsync(async services =>
    {
        var audit = (await services.GetRequiredService<AuditStore>().GetAuditAsync(auditId, default))!.Value;
        var handed = await services.GetRequiredService<ChairHandovers>().HandOverAsync(Admin.Person, audit, from.AadObjectId,
            new TeamMember(to.Id, to.AadObjectId, to.Name, BotTestHost.TenantId), ChairHandoverReason.LeftRole,
            new RosterSource(host.ServiceUrl, "a:admin-personal-chat", BotTestHost.TenantId), default);
        Assert.True(handed.Saved, handed.Message);
    });
}
