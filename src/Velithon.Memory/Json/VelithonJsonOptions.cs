using Velithon.Memory;

namespace Velithon;

/// <summary>Settings of <c>VelithonJson</c>. Immutable once built; share one instance.</summary>
public sealed class VelithonJsonOptions
{
    /// <summary>The default maximum nesting depth, as in System.Text.Json.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The largest accepted <see cref="MaxDepth"/>.</summary>
    public const int MaxDepthLimit = 1000;

    private readonly int _maxDepth = DefaultMaxDepth;
    private readonly StringInterner _interner = StringInterner.Shared;

    /// <summary>Gets the options used when none are given: depth 64, <see cref="StringInterner.Shared"/>.</summary>
    public static VelithonJsonOptions Default { get; } = new();

    /// <summary>
    /// Gets the deepest nesting of objects and arrays read or written (default 64). Reading deeper JSON, or writing a
    /// deeper (or cyclic) object graph, throws <see cref="System.Text.Json.JsonException"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside 1 to <see cref="MaxDepthLimit"/>.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxDepthLimit);
            _maxDepth = value;
        }
    }

    /// <summary>Gets the interner that <c>[Interned]</c> string members are read through (default <see cref="StringInterner.Shared"/>).</summary>
    public StringInterner Interner
    {
        get => _interner;
        init => _interner = value ?? throw new ArgumentNullException(nameof(value));
    }
}
