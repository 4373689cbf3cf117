namespace TiersLieux.Hosting.Processes;

/// <summary>A resource's console output, bounded: the oldest lines go first.</summary>
public sealed class LogBuffer(int capacity = 5000)
{
    private readonly Queue<LogLine> _lines = new();
    private long _next;

    public event Action<LogLine>? Written;

    public void Write(string text, bool isError = false)
    {
        LogLine line;
        lock (_lines)
        {
            line = new LogLine(++_next, DateTimeOffset.UtcNow, isError, text);
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }

        Written?.Invoke(line);
    }

    /// <summary>Lines after <paramref name="afterSequence"/>, oldest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<LogLine> Read(long afterSequence = 0, int max = 1000)
    {
        lock (_lines)
        {
            return _lines.Where(line => line.Sequence > afterSequence).TakeLast(max).ToList();
        }
    }
}
