using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using Xunit.Abstractions;

namespace WorkshopBot.Tests.Robustness;

public sealed class ScratchClassify(ITestOutputHelper output)
{
    [Fact]
    public async Task Classify()
    {
        var world = await FuzzWorld.CreateAsync();
        await using var scenario = world.Scenario;
        var router = world.Host.Get<ActivityRouter>();
        var activities = new ActivityFuzz(world, new CardDataFuzz(world, router.CardActionVerbs));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var inputs = Gen.Sample(activities.Input, 600, new Rnd(5UL), 20);
        output.WriteLine($"activities 600: {sw.ElapsedMilliseconds} ms, chars {inputs.Sum(i => (long)i.Body.Length)}");
        sw.Restart();
        var raw = Gen.Sample(new RawBodyFuzz(world).Input, 600, new Rnd(5UL), 20);
        output.WriteLine($"raw 600: {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        var cd = new CardDataFuzz(world, router.CardActionVerbs);
        var datas = Gen.Sample(cd.Verb.SelectMany(v => cd.Data(v)), 600, new Rnd(5UL), 20);
        output.WriteLine($"card data 600: {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        var strs = Gen.Sample(FuzzStrings.Any, 6000, new Rnd(5UL), 20);
        output.WriteLine($"strings 6000: {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        var vals = Gen.Sample(FuzzJson.AnyValue(3), 600, new Rnd(5UL), 20);
        output.WriteLine($"anyvalue3 600: {sw.ElapsedMilliseconds} ms");
        var reasons = new Dictionary<string, int>();
        foreach (var input in inputs.Where(i => i.Kind.StartsWith("card", StringComparison.Ordinal)))
        {
            var bytes = Encoding.UTF8.GetBytes(input.Body);
            string reason;
            if (bytes.Length > 256 * 1024) { reason = "413"; }
            else if (!JsonText.HasOnlyValidStrings(bytes)) { reason = "surrogate"; }
            else
            {
                try
                {
                    var a = JsonSerializer.Deserialize<Activity>(bytes, BotJson.Options)!;
                    reason = string.IsNullOrWhiteSpace(a.Type) ? "type"
                        : string.IsNullOrWhiteSpace(a.Conversation?.Id) ? "conv"
                        : !Uri.TryCreate(a.ServiceUrl, UriKind.Absolute, out var u) || u.UserInfo.Length > 0 || (u.Scheme != "http" && u.Scheme != "https") ? "url"
                        : (a.MembersAdded?.Any(m => m is null) ?? false) || (a.MembersRemoved?.Any(m => m is null) ?? false) ? "members-null"
                        : (a.Entities?.Any(m => m is null) ?? false) ? "entities-null"
                        : (a.Attachments?.Any(m => m is null) ?? false) ? "att-null"
                        : !string.IsNullOrEmpty(a.Conversation?.TenantId) && !string.IsNullOrEmpty(a.GetTeamsChannelData()?.Tenant?.Id)
                            && !string.Equals(a.Conversation.TenantId, a.GetTeamsChannelData()!.Tenant!.Id, StringComparison.OrdinalIgnoreCase) ? "tenant"
                        : WorkshopBot.Protocol.Hosting.BotEndpoint.Parse(bytes) is null ? "parse-other" : "ok";
                }
                catch (JsonException ex) { reason = "json " + ex.Path; }
                catch (InvalidOperationException ex) { reason = "ioe " + ex.Message[..Math.Min(40, ex.Message.Length)]; }
            }
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }
        foreach (var r in reasons.OrderByDescending(r => r.Value)) output.WriteLine($"{r.Key}: {r.Value}");
    }
}
