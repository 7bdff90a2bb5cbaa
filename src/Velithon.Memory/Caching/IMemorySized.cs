namespace Velithon.Memory;

/// <summary>
/// Implemented by values that know how many bytes they keep alive, so that memory-bounded caches can account
/// for them exactly instead of guessing.
/// </summary>
public interface IMemorySized
{
    /// <summary>Gets the number of bytes this instance keeps reachable (its own fields plus owned buffers).</summary>
    long SizeInBytes { get; }
}
