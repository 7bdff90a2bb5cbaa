namespace Velithon.Memory;

/// <summary>Limits for a <see cref="StringInterner"/>. Validated when the interner is constructed.</summary>
public sealed class StringInternerOptions
{
    /// <summary>
    /// Gets or sets the most entries the interner holds (live strings plus dead entries not yet cleaned up).
    /// When full, the interner first removes dead entries; if it is still full, new strings are returned
    /// un-interned and counted in <see cref="StringInternerStats.Rejected"/>. Must be greater than 0.
    /// Defaults to 100,000.
    /// </summary>
    public int MaxCount { get; set; } = 100_000;

    /// <summary>
    /// Gets or sets the longest string, in UTF-16 chars, that is interned. Longer input is returned un-interned
    /// and counted in <see cref="StringInternerStats.Rejected"/>. Must be greater than 0. Defaults to 512.
    /// </summary>
    public int MaxStringLength { get; set; } = 512;
}
