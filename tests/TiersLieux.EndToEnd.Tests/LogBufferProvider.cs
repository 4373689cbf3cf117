using Microsoft.Extensions.Logging;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>The AppHost's own log (its welcome, its warnings) kept for the tests to read, as ./run.sh's console shows it.</summary>
internal sealed class LogBufferProvider(LogBuffer buffer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new BufferLogger(buffer, categoryName);

    public void Dispose()
    {
    }

    private sealed class BufferLogger(LogBuffer buffer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // The AppHost's own lines; the resources' console output (…AppHost.Resources.<name>) would crowd them out.
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && !category.Contains(".Resources.", StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                buffer.Write($"{category}: {formatter(state, exception)}", isError: logLevel >= LogLevel.Error);
            }
        }
    }
}
