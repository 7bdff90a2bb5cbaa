namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// An expired value kept by fail-safe (<see cref="VelithonHybridCacheOptions.FailSafeMaxDuration"/>), found in either
/// level, with what it needs to be stored again: its tags and creation time (a later tag eviction still reaches it) and
/// the limit it is kept until.
/// </summary>
internal readonly record struct HybridFallback<T>(T Value, string[] Tags, long CreatedTicks, long KeepUntilTicks);
