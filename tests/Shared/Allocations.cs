namespace Velithon.Testing;

/// <summary>
/// The one allocation measurement of the test projects (linked from tests/Shared): exact bytes, on the current thread
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), after warm-up. Nothing is averaged or divided: 0 means that
/// not one byte was allocated by any of the measured calls.
/// </summary>
internal static class Allocations
{
    /// <summary>Measured rounds at most: a round that allocates nothing ends the measurement.</summary>
    private const int Rounds = 3;

    /// <summary>
    /// The bytes this thread allocates in <paramref name="calls"/> calls of <paramref name="body"/>, after as many calls
    /// to warm up (JIT tiers, static initialization, pools and caches filling). The result is the smallest of up to three
    /// measured rounds: a steady allocation shows in every round (at least <paramref name="calls"/> bytes for one byte
    /// a call), while the runtime's own rare one-off work on the thread (a tier-up, a type load) does not fail a test.
    /// </summary>
    /// <param name="body">The code measured; keep the work of the test (and its assertions) outside.</param>
    /// <param name="calls">Calls per round (and of the warm-up).</param>
    /// <returns>The exact number of bytes allocated by the calls of the best round.</returns>
    public static long Measure(Action body, int calls = 100)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        for (int i = 0; i < calls; i++)
        {
            body();
        }

        long best = long.MaxValue;
        for (int round = 0; round < Rounds && best != 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                body();
            }

            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return best;
    }

    /// <summary>Asserts that <paramref name="calls"/> calls of <paramref name="body"/> allocate not one byte after warm-up (see <see cref="Measure"/>).</summary>
    /// <param name="body">The code measured.</param>
    /// <param name="calls">Calls per round.</param>
    public static void AssertNone(Action body, int calls = 100)
    {
        long allocated = Measure(body, calls);
        Assert.True(allocated == 0, $"{allocated} bytes allocated in {calls} calls after warm-up (expected none).");
    }
}
