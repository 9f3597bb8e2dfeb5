using CapacityGrid.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace CapacityGrid.Client.Connection;

/// <summary>
/// The console log format of capgrid without <c>--verbose</c>: one line per entry
/// (<c>fail: Category: message (ExceptionType: first line of its message)</c>), no stack trace, secrets redacted.
/// A storage that goes away makes Orleans' storage provider log every failed write with a stack trace; a user needs
/// to know that it failed and why, once a line.
/// </summary>
public sealed class OneLineConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The formatter's name in the console logger's options.</summary>
    public const string FormatterName = "capgrid-one-line";

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception) ?? "";
        if (message.Length == 0 && logEntry.Exception is null)
        {
            return;
        }
        var line = OneLine(message);
        if (logEntry.Exception is { } e)
        {
            var innermost = e;
            while (innermost.InnerException is not null)
            {
                innermost = innermost.InnerException;
            }
            var cause = $"{innermost.GetType().Name}: {OneLine(innermost.Message)}";
            line = line.Length == 0 ? cause : $"{line} ({cause})";
        }
        textWriter.Write($"{Level(logEntry.LogLevel)}: {logEntry.Category}: {SecretRedaction.Redact(line)}{Environment.NewLine}");
    }

    private static string OneLine(string text)
    {
        var first = text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return first.Length > 300 ? first[..300] + "..." : first;
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };
}

/// <summary>Wiring of <see cref="OneLineConsoleFormatter"/>.</summary>
public static class OneLineConsoleExtensions
{
    /// <summary>Without <paramref name="verbose"/>, the console logger prints one line per entry; with it, .NET's usual format with stack traces.</summary>
    public static ILoggingBuilder AddOneLineConsole(this ILoggingBuilder logging, bool verbose)
    {
        if (!verbose)
        {
            logging.AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>();
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = OneLineConsoleFormatter.FormatterName);
        }
        return logging;
    }
}
