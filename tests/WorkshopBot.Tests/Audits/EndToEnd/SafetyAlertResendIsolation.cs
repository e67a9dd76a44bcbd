using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// An unacknowledged safety alert is re-sent whatever else the audit job does: a reminder round that fails every pass
/// must not hold the re-send back.
/// </summary>
public sealed class SafetyAlertResendIsolation
{
    [Fact]
    public async Task AReminderRoundThatFailsEveryPassDoesNotStopTheAlertBeingResent()
    {
        var reminders = new FailingReminders();
        await using var s = await StartAsync(o => o.Services = reminders.Install);
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(Lead, "Immediate safety concern"));

        // Past the automatic reminder time and the alert's re-send time; every reminder the outbox is given fails.
        s.Time.Advance(TimeSpan.FromDays(17));
        reminders.Failing = true;
        var report = await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        Assert.True(reminders.Refused > 0);
        Assert.Equal(1, report.AlertsResent);
        Assert.Equal(2, s.SentTo(Lead, "Immediate safety concern").Count);
        Assert.Equal(2, s.SentTo(Chair, "Immediate safety concern").Count);
    }

    /// <summary>The bot's outbox, refusing reminders (as a store fault would) while <see cref="Failing"/> is set.</summary>
    private sealed class FailingReminders
    {
        private int _refused;

        public volatile bool Failing;

        public int Refused => Volatile.Read(ref _refused);

        public void Install(IServiceCollection services)
        {
            var registered = services.Last(d => d.ServiceType == typeof(IOutbox));
            services.Remove(registered);
            services.AddScoped<IOutbox>(sp => new Outbox(
                (IOutbox)(registered.ImplementationFactory?.Invoke(sp)
                    ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
                this));
        }

        private sealed class Outbox(IOutbox inner, FailingReminders owner) : IOutbox
        {
            public string Send(ConversationRecord conversation, Activity activity, string dedupeKey, string? correlationId) =>
                inner.Send(conversation, activity, dedupeKey, correlationId);

            public string SendToUser(string serviceUrl, string tenantId, string userId, Activity activity, string dedupeKey,
                string? correlationId, string? serviceUrlFrom = null)
            {
                if (owner.Failing && dedupeKey.Contains(":reminder:", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref owner._refused);
                    throw new InvalidOperationException("The outbox could not take the reminder.");
                }

                return inner.SendToUser(serviceUrl, tenantId, userId, activity, dedupeKey, correlationId, serviceUrlFrom);
            }

            public string PostToChannel(string serviceUrl, string tenantId, string channelId, Activity activity, string dedupeKey,
                string? correlationId) =>
                inner.PostToChannel(serviceUrl, tenantId, channelId, activity, dedupeKey, correlationId);

            public string Update(string serviceUrl, string tenantId, string conversationId, string activityId, Activity activity,
                string dedupeKey, string? correlationId) =>
                inner.Update(serviceUrl, tenantId, conversationId, activityId, activity, dedupeKey, correlationId);

            public string UpdatePosted(string serviceUrl, string tenantId, string postedKey, Activity activity, string dedupeKey,
                string? correlationId) =>
                inner.UpdatePosted(serviceUrl, tenantId, postedKey, activity, dedupeKey, correlationId);

            public string Reply(TurnContext turn, Activity activity, string? dedupeKey = null) => inner.Reply(turn, activity, dedupeKey);
        }
    }
}
