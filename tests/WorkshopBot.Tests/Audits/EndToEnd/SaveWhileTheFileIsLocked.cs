using System.Diagnostics;
using Microsoft.Data.Sqlite;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// Another process (a backup tool, an administrator's open transaction) holds the SQLite file's write lock for longer than
/// a turn waits for it (<see cref="StorageDatabase.SqliteBusyTimeoutMs"/>): a representative's save is answered while Teams
/// still waits for the answer, that nothing was changed, and nothing is stored; once the lock is gone, the same press saves.
/// The lock is held until the answer has come, however long that takes, so the test does not depend on timing; only the
/// answer's time is checked, with a wide margin below the 15 s Teams waits at most (the wait was 30 s).
/// </summary>
public sealed class SaveWhileTheFileIsLocked
{
    [Fact]
    public async Task ASaveThatMeetsALockedFileIsAnsweredInTimeAndStoresNothing()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var rep = Agencies[0].Rep;
        var before = await s.ReturnOfAsync(0);
        var question = before.Sections[0].Questions[0].Id;
        var data = s.SaveFirstSection(before, ReturnMoves.Next, new Dictionary<string, string>
        {
            ["a:" + question] = "yes",
            ["n:" + question] = "The GP letter arrived late.",
        });
        var press = s.Host.CardAction(rep, BotTestHost.PersonalChat(rep), ReturnsScreen.SaveSection, data);

        InvokeResult refused;
        var answeredIn = Stopwatch.StartNew();
        await using (var other = new SqliteConnection($"Data Source={s.Host.Get<StorageDatabase>().SqliteFilePath};Pooling=False"))
        {
            await other.OpenAsync();
            await using (var begin = other.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync();
            }

            answeredIn.Restart();
            refused = await s.Host.InvokeAsync(press);
            answeredIn.Stop();
            await using var commit = other.CreateCommand();
            commit.CommandText = "COMMIT;";
            await commit.ExecuteNonQueryAsync();
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, refused.Status);
        Assert.Equal(BotEndpoint.NothingDone, refused.Body?.GetProperty("value").GetString());
        Assert.True(answeredIn.Elapsed < TimeSpan.FromSeconds(12), $"answered after {answeredIn.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(before.Version, (await s.ReturnOfAsync(0)).Version);

        var saved = await s.Host.InvokeAsync(press);

        Assert.Equal(System.Net.HttpStatusCode.OK, saved.Status);
        Assert.NotNull(saved.Card);
        var after = await s.ReturnOfAsync(0);
        Assert.True(after.Version > before.Version);
        Assert.Equal("The GP letter arrived late.", after.Answers[question].Narrative);
    }
}
