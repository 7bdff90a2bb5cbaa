using System.Globalization;

namespace Velithon.Memory;

/// <summary>Thrown by <see cref="IBackgroundTaskQueue.Enqueue"/> when the queue holds its maximum number of pending items.</summary>
public sealed class QueueFullException : InvalidOperationException
{
    /// <summary>Initializes a new instance with a generic message; <see cref="MaxQueueLength"/> is 0 (unknown).</summary>
    public QueueFullException()
        : base("The background task queue is full.")
    {
    }

    /// <summary>Initializes a new instance with the given message; <see cref="MaxQueueLength"/> is 0 (unknown).</summary>
    /// <param name="message">The error message.</param>
    public QueueFullException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception; <see cref="MaxQueueLength"/> is 0 (unknown).</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public QueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance whose message names the limit that was hit.</summary>
    /// <param name="maxQueueLength">The queue's maximum number of pending items.</param>
    public QueueFullException(int maxQueueLength)
        : base(string.Create(CultureInfo.InvariantCulture, $"The background task queue is full (MaxQueueLength = {maxQueueLength})."))
    {
        MaxQueueLength = maxQueueLength;
    }

    /// <summary>Gets the limit that was hit, or 0 when the exception was created without one.</summary>
    public int MaxQueueLength { get; }
}
