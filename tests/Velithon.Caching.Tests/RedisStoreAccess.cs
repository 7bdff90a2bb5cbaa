using Velithon.AspNetCore.Caching;
using Velithon.AspNetCore.Caching.Redis;

namespace Velithon.Caching.Tests;

/// <summary>The Redis store behind a cache's L2, for the tests that look at its connection, breaker and operation count.</summary>
internal static class RedisStoreAccess
{
    extension(VelithonResponseCache cache)
    {
        public RedisResponseStore? Redis => cache.L2 as RedisResponseStore;
    }
}
