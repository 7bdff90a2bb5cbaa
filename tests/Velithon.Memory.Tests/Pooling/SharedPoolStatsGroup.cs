namespace Velithon.Memory.Tests.Pooling;

/// <summary>Tests that read exact deltas of <see cref="VelithonMemoryPool.Shared"/>'s stats run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(SharedPoolStatsGroup), DisableParallelization = true)]
public sealed class SharedPoolStatsGroup
{
}
