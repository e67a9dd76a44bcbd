namespace WorkshopBot.Hosting;

/// <summary>
/// <c>dotnet WorkshopBot.dll healthcheck [URL]</c>: GET /healthz of the running bot and exit 0 when it answers 200.
/// The container's HEALTHCHECK uses it, since the ASP.NET runtime image has no curl or wget. Without a URL it asks
/// the first port of ASPNETCORE_URLS (or HTTP_PORTS) on 127.0.0.1, else 8080.
/// </summary>
public static class HealthCheckCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 0 ? args[0] : DefaultUrl();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            await Console.Error.WriteLineAsync($"healthcheck: '{url}' is not an absolute URL.").ConfigureAwait(false);
            return 2;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(uri).ConfigureAwait(false);
            Console.WriteLine($"healthcheck: {uri} answered {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"healthcheck: {uri} did not answer ({ex.Message})").ConfigureAwait(false);
            return 1;
        }
    }

    internal static string DefaultUrl()
    {
        var urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        var port = "8080";
        if (!string.IsNullOrWhiteSpace(urls))
        {
            var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            var colon = first.LastIndexOf(':');
            if (colon > 0 && int.TryParse(first[(colon + 1)..].TrimEnd('/'), out var parsed))
            {
                port = parsed.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        else if (Environment.GetEnvironmentVariable("HTTP_PORTS") is { Length: > 0 } ports)
        {
            port = ports.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        }

        return $"http://127.0.0.1:{port}/healthz";
    }
}
