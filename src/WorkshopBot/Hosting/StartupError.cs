using Microsoft.Extensions.Options;

namespace WorkshopBot.Hosting;

/// <summary>
/// A start-up failure caused by configuration, with a message that names the setting. <see cref="Describe"/> turns
/// such failures (this type, options validation, a value that does not convert, an address Kestrel cannot bind) into
/// one line; anything else is a defect and keeps its stack trace.
/// </summary>
public sealed class StartupError(string message, Exception? inner = null) : Exception(message, inner)
{
    public static string? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case HostAbortedException:
                // A test host (WebApplicationFactory) stopping the entry point after Build: not an error.
                return null;
            case StartupError:
                return exception.Message;
            case OptionsValidationException validation:
                return string.Join(" ", validation.Failures.Select(f => f.Trim()));
            case AggregateException aggregate:
                var lines = aggregate.Flatten().InnerExceptions.Select(Describe).ToList();
                return lines.Count > 0 && lines.All(l => l is not null) ? string.Join(" ", lines.Distinct()) : null;
            case InvalidOperationException
                when exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                return exception.Message;
            case IOException when exception.Message.Contains("bind", StringComparison.OrdinalIgnoreCase):
                return $"{exception.Message.TrimEnd('.')} (check ASPNETCORE_URLS, --urls or Kestrel:Endpoints).";
            case InvalidOperationException or FormatException or UriFormatException
                when exception.StackTrace?.Contains("Kestrel", StringComparison.Ordinal) == true
                    && exception.Message.Contains("url", StringComparison.OrdinalIgnoreCase):
                return $"{exception.Message.TrimEnd('.')} (check ASPNETCORE_URLS, --urls or Kestrel:Endpoints).";
            default:
                return null;
        }
    }
}
