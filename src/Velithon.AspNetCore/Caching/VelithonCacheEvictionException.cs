using System.Globalization;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Thrown by <see cref="IVelithonCacheInvalidator.EvictByTagAsync"/> when Redis did not confirm a tag eviction (it did
/// not answer within its operation timeout, failed, or was disconnected). The tag
/// was evicted on this instance; other instances may still serve entries stored before the eviction, from Redis or
/// from their memory, until they expire. Retry the eviction.
/// </summary>
public sealed class VelithonCacheEvictionException : InvalidOperationException
{
    /// <summary>Initializes a new instance with a generic message; <see cref="Tag"/> is empty.</summary>
    public VelithonCacheEvictionException()
        : base("Redis did not confirm the tag eviction; other instances may still serve entries stored before it.")
    {
        Tag = string.Empty;
    }

    /// <summary>Initializes a new instance with the given message; <see cref="Tag"/> is empty.</summary>
    /// <param name="message">The error message.</param>
    public VelithonCacheEvictionException(string message)
        : base(message)
    {
        Tag = string.Empty;
    }

    /// <summary>Initializes a new instance with the given message and inner exception; <see cref="Tag"/> is empty.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public VelithonCacheEvictionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Tag = string.Empty;
    }

    private VelithonCacheEvictionException(string tag, string message, Exception? innerException)
        : base(message, innerException)
    {
        Tag = tag;
    }

    /// <summary>Gets the tag whose eviction Redis did not confirm.</summary>
    public string Tag { get; }

    /// <summary>
    /// Creates the exception an <see cref="IVelithonResponseStore"/> throws when it did not confirm the eviction of
    /// <paramref name="tag"/>, with the store's error (none when disconnected) as the inner exception.
    /// </summary>
    /// <param name="tag">The tag whose eviction was not confirmed.</param>
    /// <param name="innerException">The store's error; <see langword="null"/> when it was disconnected.</param>
    /// <returns>The exception.</returns>
    public static VelithonCacheEvictionException For(string tag, Exception? innerException) => new(
        tag,
        string.Create(CultureInfo.InvariantCulture, $"Cache tag '{tag}' was evicted on this instance only: Redis did not confirm the eviction ({(innerException is null ? "disconnected" : innerException.GetType().Name)}), so other instances may still serve entries stored before it. Retry the eviction."),
        innerException);
}
