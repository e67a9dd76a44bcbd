using WorkshopBot.Manifest;

namespace WorkshopBot.Hosting;

/// <summary>
/// <c>dotnet run --project src/WorkshopBot -- package-manifest [--app-id GUID] [--public-url URL] [--tab-client-id GUID]
/// [--out FILE] [--manifest DIR]</c>:
/// writes the Teams app package (zip) with the configured <c>MicrosoftAppId</c> filled in, ready to upload to Teams; with the public
/// address (or <c>WorkshopBot:PublicBaseUrl</c>) it also declares the cross-audit tab and its single sign-on.
/// </summary>
public static class ManifestCommand
{
    public static int Run(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddUserSecrets(typeof(ManifestCommand).Assembly, optional: true)
            .AddEnvironmentVariables()
            .Build();

        var manifestDirectory = Option(args, "--manifest") ?? FindManifestDirectory(Directory.GetCurrentDirectory());
        if (manifestDirectory is null)
        {
            Console.Error.WriteLine("Could not find manifest/manifest.json: run this from the repository, or pass --manifest DIR.");
            return 1;
        }

        var output = Option(args, "--out") ?? Path.Combine(manifestDirectory, "build", "workshopbot.zip");
        var appId = Option(args, "--app-id") ?? configuration["MicrosoftAppId"];
        if (string.IsNullOrWhiteSpace(appId))
        {
            Console.Error.WriteLine(
                "MicrosoftAppId is not set: set it (environment variable, user secrets or appsettings.json) to WorkshopBot's Entra "
                + "app id.");
            return 1;
        }

        // With the bot's public address the package declares the cross-audit tab and its single sign-on too.
        var publicUrl = Option(args, "--public-url") ?? configuration["WorkshopBot:PublicBaseUrl"];
        Uri? publicBaseUrl = null;
        if (!string.IsNullOrWhiteSpace(publicUrl) && !Uri.TryCreate(publicUrl, UriKind.Absolute, out publicBaseUrl))
        {
            Console.Error.WriteLine($"The public address '{publicUrl}' is not an absolute URL such as https://workshopbot.example.org.");
            return 1;
        }

        // A bot that is a managed identity signs the tab in with an app registration of its own.
        var tabClientId = Option(args, "--tab-client-id") ?? configuration["WorkshopBot:Tab:ClientId"];
        var result = new ManifestPackager().Package(manifestDirectory, appId, output, publicBaseUrl, tabClientId);
        if (!result.Succeeded)
        {
            Console.Error.WriteLine(result.Error);
            return 1;
        }

        Console.WriteLine($"Teams app package written to {result.OutputZipPath}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string? FindManifestDirectory(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "manifest");
            if (File.Exists(Path.Combine(candidate, ManifestPackager.ManifestFileName)))
            {
                return candidate;
            }
        }

        return null;
    }
}
