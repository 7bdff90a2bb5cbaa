using System.Buffers;

namespace Velithon.Memory;

/// <summary>The <see cref="MemoryPool{T}"/> view returned by <see cref="VelithonMemoryPool.AsMemoryPool"/>.</summary>
internal sealed class VelithonMemoryPoolAdapter : MemoryPool<byte>
{
    // Same default as MemoryPool<byte>.Shared when the caller passes -1.
    private const int DefaultBufferSize = 4096;

    private readonly VelithonMemoryPool _pool;

    public VelithonMemoryPoolAdapter(VelithonMemoryPool pool) => _pool = pool;

    // Any size can be rented: lengths above the pool's maximum are allocated exactly and counted in its stats.
    public override int MaxBufferSize => Array.MaxLength;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize == -1)
        {
            minBufferSize = DefaultBufferSize;
        }
        else if (minBufferSize < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(minBufferSize), minBufferSize, "The minimum buffer size must be -1 (default size) or at least 0.");
        }

        return new Owner(_pool, _pool.Rent(minBufferSize));
    }

    protected override void Dispose(bool disposing)
    {
        // The adapter owns nothing: the arrays belong to the pool.
    }

    private sealed class Owner : IMemoryOwner<byte>
    {
        private readonly VelithonMemoryPool _pool;
        private byte[]? _array;

        public Owner(VelithonMemoryPool pool, byte[] array)
        {
            _pool = pool;
            _array = array;
        }

        public Memory<byte> Memory
        {
            get
            {
                byte[]? array = Volatile.Read(ref _array);
                ObjectDisposedException.ThrowIf(array is null, this);
                return array;
            }
        }

        public void Dispose()
        {
            byte[]? array = Interlocked.Exchange(ref _array, null);
            if (array is not null)
            {
                _pool.Return(array);
            }
        }
    }
}
