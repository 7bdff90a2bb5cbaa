using System.Runtime.CompilerServices;

namespace Velithon.Memory.Tests.Interning;

public class StringInternerWeakEntryTests
{
    [Fact]
    public void Cleanup_removes_collected_strings_and_returns_how_many()
    {
        var interner = new StringInterner();
        string[] kept = InternKept(interner, "kept", 10);
        InternAndDrop(interner, "dropped", 25);
        Assert.Equal(35, interner.Count);

        FullGc();
        int removed = interner.Cleanup();

        Assert.Equal(25, removed);
        Assert.Equal(10, interner.Count);
        Assert.Equal(25, interner.GetStats().CleanedUp);
        Assert.Equal(0, interner.Cleanup());
        foreach (string value in kept)
        {
            Assert.True(interner.TryGet(value.AsSpan(), out string? found));
            Assert.Same(value, found);
        }

        GC.KeepAlive(kept);
    }

    [Fact]
    public void Interner_does_not_keep_strings_alive()
    {
        var interner = new StringInterner();
        WeakReference<string> weak = InternAndTrack(interner, "weakly-held");

        FullGc();

        Assert.False(weak.TryGetTarget(out _));
        Assert.False(interner.TryGet("weakly-held".AsSpan(), out _));
    }

    [Fact]
    public void Collected_value_is_interned_again_as_a_new_entry()
    {
        var interner = new StringInterner();
        InternAndDrop(interner, "again", 1);
        FullGc();

        string fresh = StringInternerApiTests.Fresh("again0");
        Assert.Same(fresh, interner.Intern(fresh));
        Assert.Equal(2, interner.GetStats().Misses);
        Assert.Equal(1, interner.Count);       // the dead entry was reused in place
        Assert.Equal(1, interner.GetStats().CleanedUp);
    }

    [Fact]
    public void Full_interner_cleans_up_dead_entries_before_rejecting()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxCount = 8 });
        InternAndDrop(interner, "old", 8);
        Assert.Equal(8, interner.Count);
        FullGc();

        string[] kept = Enumerable.Range(0, 8).Select(i => StringInternerApiTests.Fresh($"new{i}")).ToArray();
        foreach (string value in kept)
        {
            Assert.Same(value, interner.Intern(value));
        }

        StringInternerStats stats = interner.GetStats();
        Assert.Equal(0, stats.Rejected);
        Assert.Equal(8, stats.Count);
        Assert.Equal(8, stats.CleanedUp);
        GC.KeepAlive(kept);
    }

    [Fact]
    public void Growth_drops_dead_entries()
    {
        var interner = new StringInterner();
        InternAndDrop(interner, "dead", 60);
        FullGc();

        // 64 initial buckets: crossing that count grows the table, which skips the 60 dead entries.
        string[] kept = InternKept(interner, "live", 200);

        Assert.Equal(200, interner.Count);
        Assert.Equal(60, interner.GetStats().CleanedUp);
        Assert.Equal(0, interner.Cleanup());
        GC.KeepAlive(kept);
    }

    [Fact]
    public void Recycled_handles_serve_new_entries_correctly()
    {
        var interner = new StringInterner();
        for (int round = 0; round < 5; round++)
        {
            // A gen-0 GC during the inserts may already kill some of this round's strings, and a later insert then
            // reuses or drops those entries (counted in CleanedUp, not by Cleanup()): the sum is what is exact.
            long cleanedBefore = interner.GetStats().CleanedUp;
            InternAndDrop(interner, $"round{round}-", 100);
            FullGc();
            interner.Cleanup();
            Assert.Equal(100, interner.GetStats().CleanedUp - cleanedBefore);
            Assert.Equal(0, interner.Count);
        }

        string[] kept = InternKept(interner, "final", 100);
        foreach (string value in kept)
        {
            Assert.True(interner.TryGet(value.AsSpan(), out string? found));
            Assert.Same(value, found);
        }

        Assert.False(interner.TryGet("round0-1".AsSpan(), out _));
        GC.KeepAlive(kept);
    }

    [Fact]
    public void Dropped_interner_is_collectable()
    {
        WeakReference weak = CreateAndDropInterner();

        FullGc();
        GC.WaitForPendingFinalizers(); // the handle store's finalizer frees the GC handles
        FullGc();

        Assert.False(weak.IsAlive);
    }

    internal static void FullGc()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void InternAndDrop(StringInterner interner, string prefix, int count)
    {
        for (int i = 0; i < count; i++)
        {
            interner.Intern($"{prefix}{i}");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string[] InternKept(StringInterner interner, string prefix, int count)
    {
        string[] values = new string[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = interner.Intern($"{prefix}{i}");
        }

        return values;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<string> InternAndTrack(StringInterner interner, string value) =>
        new(interner.Intern(StringInternerApiTests.Fresh(value)));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CreateAndDropInterner()
    {
        var interner = new StringInterner();
        interner.Intern(StringInternerApiTests.Fresh("x"));
        return new WeakReference(interner);
    }
}
