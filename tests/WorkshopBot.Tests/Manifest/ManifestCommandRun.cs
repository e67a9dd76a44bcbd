using System.IO.Compression;
using System.Text.Json;
using WorkshopBot.Cards;
using WorkshopBot.Hosting;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Manifest;

/// <summary><c>dotnet run --project src/WorkshopBot -- package-manifest</c>: the one command that makes the zip to upload.</summary>
public sealed class ManifestCommandRun
{
    [Fact]
    public void WritesTheTeamsPackageWithTheAppIdFilledIn()
    {
        var output = Path.Combine(Path.GetTempPath(), "workshopbot-" + Guid.NewGuid().ToString("N") + ".zip");
        var appId = Guid.NewGuid().ToString();

        var exit = ManifestCommand.Run(["--app-id", appId, "--out", output, "--manifest", Path.Combine(RepositoryRoot.Find(), "manifest")]);

        Assert.Equal(0, exit);
        using (var zip = ZipFile.OpenRead(output))
        {
            Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
            using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
            Assert.Equal(appId, manifest.RootElement.GetProperty("id").GetString());
            Assert.Equal(appId, manifest.RootElement.GetProperty("bots")[0].GetProperty("botId").GetString());
        }

        File.Delete(output);
    }

    [Fact]
    public void RefusesAnAppIdThatIsNotAGuid()
    {
        var output = Path.Combine(Path.GetTempPath(), "workshopbot-" + Guid.NewGuid().ToString("N") + ".zip");

        var exit = ManifestCommand.Run(["--app-id", "my-bot", "--out", output,
            "--manifest", Path.Combine(RepositoryRoot.Find(), "manifest")]);

        Assert.Equal(1, exit);
        Assert.False(File.Exists(output));
    }
}
