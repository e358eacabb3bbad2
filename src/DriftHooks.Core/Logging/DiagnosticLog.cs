using System.Diagnostics;
using System.Globalization;
using DriftHooks.Core.Rendering;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace DriftHooks.Core.Logging;

/// <summary>
/// The diagnostic log, off by default: with <c>--verbose</c> or <c>DRIFTHOOKS_LOG=debug</c> a command or hook says on
/// standard error where each setting came from, which files and databases it read and where the time went. It names
/// sources, files, hosts and databases; never a setting's or a URL's password, never a row's values. Null while off, so
/// a hook pays nothing for it: every caller writes <c>DiagnosticLog.Current?.Debug(…)</c>.
/// </summary>
internal static class DiagnosticLog
{
    public const string Variable = "DRIFTHOOKS_LOG";

    /// <summary>The log while diagnostics are on, else null.</summary>
    public static ILogger? Current { get; private set; }

    /// <summary>True when <c>DRIFTHOOKS_LOG</c>'s value asks for diagnostics (<c>debug</c>).</summary>
    public static bool Requested(string? value) => string.Equals(value, "debug", StringComparison.OrdinalIgnoreCase);

    /// <summary>Turns diagnostics on, each line written to <paramref name="output"/> after <paramref name="prefix"/>; disposing turns them off.</summary>
    public static IDisposable Start(TextWriter output, string prefix)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.Sink(new LineSink(output, prefix))
            .CreateLogger();
        Current = logger;
        return new Stop(logger);
    }

    /// <summary>Milliseconds since <paramref name="start"/> (a <see cref="Stopwatch.GetTimestamp"/>), as the log prints them.</summary>
    public static string Milliseconds(long start) =>
        Stopwatch.GetElapsedTime(start).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private sealed class Stop(Logger logger) : IDisposable
    {
        public void Dispose()
        {
            Current = null;
            logger.Dispose();
        }
    }

    /// <summary>One line per event; values that came from outside (paths, names) are shown with their control characters escaped.</summary>
    private sealed class LineSink(TextWriter output, string prefix) : ILogEventSink
    {
        private readonly MessageTemplateTextFormatter _message = new("{Message:lj}", CultureInfo.InvariantCulture);

        public void Emit(LogEvent logEvent)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            _message.Format(logEvent, text);
            output.WriteLine(prefix + TerminalText.Safe(text.ToString()));
        }
    }
}
