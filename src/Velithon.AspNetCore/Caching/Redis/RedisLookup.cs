namespace Velithon.AspNetCore.Caching;

/// <summary>An entry's bytes (<see langword="null"/> when Redis has none) and the current Redis versions of the policy's tags.</summary>
internal sealed record RedisLookup(byte[]? Value, long[] Versions);
