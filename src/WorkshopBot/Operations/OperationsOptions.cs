namespace WorkshopBot.Operations;

/// <summary>Settings of readiness, gauges and the failed-message alert (section <c>Operations</c>).</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>
    /// <c>/readyz</c> answers 503 when the oldest outbox message that is due (and not being sent) has waited longer than
    /// this: the drainer is not running, or every send fails at once. Messages waiting for Teams' rate limits or a retry
    /// are not due, so they do not count.
    /// </summary>
    public TimeSpan OutboxStuckAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The outbox and safety-alert gauges are read from the store at most this often: when the metrics are collected and
    /// the last reading is older, a new one is taken in the background and reported at the next collection.
    /// </summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each instance compares its clock with the database server's (PostgreSQL only).</summary>
    public TimeSpan ClockCheckInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A larger difference between this instance's clock and the database server's is logged as an error. A quarter of
    /// <c>Outbox:SendMargin</c> by default: two instances each within it of the server stay within half the margin.
    /// </summary>
    public TimeSpan ClockDifferenceAllowed { get; set; } = TimeSpan.FromSeconds(5);
}
