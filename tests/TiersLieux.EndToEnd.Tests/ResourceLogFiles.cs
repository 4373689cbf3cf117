using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// Every resource's console output (Aspire's testing builder logs it as <c>…AppHost.Resources.&lt;name&gt;</c>), one
/// file per resource under <c>TestResults/resources/&lt;topology&gt;</c>: what a failed run on CI is read from.
/// </summary>
internal sealed class ResourceLogFiles(string directory) : ILoggerProvider
{
    private const string Marker = ".Resources.";
    private readonly ConcurrentDictionary<string, StreamWriter> _files = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName)
    {
        var at = categoryName.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : new FileLogger(this, categoryName[(at + Marker.Length)..]);
    }

    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            lock (file)
            {
                file.Dispose();
            }
        }
    }

    private StreamWriter FileOf(string resource) => _files.GetOrAdd(resource, name =>
    {
        Directory.CreateDirectory(directory);
        return new StreamWriter(Path.Combine(directory, $"{name}.log"), append: true) { AutoFlush = true };
    });

    private sealed class FileLogger(ResourceLogFiles files, string resource) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var file = files.FileOf(resource);
            lock (file)
            {
                try
                {
                    file.WriteLine(formatter(state, exception));
                }
                catch (ObjectDisposedException)
                {
                    // The topology is stopping: its last lines are not worth a failed test.
                }
            }
        }
    }
}
