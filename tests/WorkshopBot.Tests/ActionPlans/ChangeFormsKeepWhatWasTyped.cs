using WorkshopBot.ActionPlans.Teams;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// Bad input loses nothing: when the chair's change to an action (reassign, extend, close) is refused, or stopped for the
/// identifier check, the Change form comes back with what the chair typed and chose (the reason, the new due date, the
/// owner agency and lead), as the create, update and sign-off forms do; nothing is saved until it is right.
/// </summary>
public sealed class ChangeFormsKeepWhatWasTyped
{
    private const string Reason = "The legal review of the protocol needs another month";

    [Fact]
    public async Task RefusedOrCheckedChangesShowTheFormWithTheChairsInput()
    {
        await using var s = await StartAsync();
        var auditId = s.Audit.Id;
        Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId)));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1,
            "Agree an information-sharing protocol", "County Police", PoliceLead.Id, "2026-05-30", "Notes shared", null, null))),
            StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());

        // An extension to a date before the current due date is refused: the reason and the date typed stay on the form.
        var extend = (await s.InChannelAsync(Chair, ManageScreen.Extend, new ExtendData(a1.Id, "2026-05-20", Reason, null))).Card!.Value;
        Assert.Contains("Nothing was changed.", extend.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(Reason, InputValue(extend, "reason"));
        Assert.Equal("2026-05-20", InputValue(extend, "dueOn"));

        // A reason the identifier check flags: the form asks to check it, keeping the reason, the agency and the lead chosen.
        var flagged = "Moved after the visit to NHS number 943 476 5919";
        var reassign = (await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a1.Id, "Health Visiting", HealthLead.Id, flagged, null))).Card!.Value;
        Assert.Contains("Check the reason before saving.", reassign.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(flagged, InputValue(reassign, "reason"));
        Assert.Equal("Health Visiting", InputValue(reassign, "ownerAgency"));
        Assert.Equal(HealthLead.Id, InputValue(reassign, "lead"));

        // A close without a reason is refused; the form comes back (nothing was typed, nothing to keep) and nothing is saved.
        Assert.Contains("Give a reason", Text(await s.InChannelAsync(Chair, ManageScreen.Close, new ReasonData(a1.Id, " ", null))),
            StringComparison.Ordinal);
        var after = Assert.Single(await s.ActionsAsync());
        Assert.Equal(a1.Version, after.Version);
        Assert.Equal(a1.DueOn, after.DueOn);
        Assert.Equal(PoliceLead.AadObjectId, after.Lead.Person.UserId);
    }
}
