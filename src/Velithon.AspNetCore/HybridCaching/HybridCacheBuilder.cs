using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Velithon.AspNetCore.HybridCaching;

/// <summary>What <c>AddVelithonHybridCache</c> returns, so Microsoft's <c>AddSerializer</c>/<c>AddSerializerFactory</c> extensions apply unchanged.</summary>
internal sealed class HybridCacheBuilder(IServiceCollection services) : IHybridCacheBuilder
{
    public IServiceCollection Services { get; } = services;
}
