using System.Text;
using Velithon.Memory;

namespace Velithon.Generators.Tests.Interning;

/// <summary>The generated members of <see cref="SampleTable"/>, compiled into this assembly.</summary>
public sealed class InternedStringsRuntimeTests
{
    private static readonly string[] Constants =
    [
        SampleTable.Get, SampleTable.Put, SampleTable.Post, SampleTable.Head, SampleTable.Copy, SampleTable.Lock,
        SampleTable.Move, SampleTable.Link, SampleTable.Bind, SampleTable.Span, SampleTable.Sync, SampleTable.Poll,
        SampleTable.Pull, SampleTable.Patch, SampleTable.Delete, SampleTable.Options, SampleTable.Cafe,
        SampleTable.Tokyo, SampleTable.Rocket, SampleTable.Empty,
    ];

    private static readonly string[] Misses = ["get", "GETS", "GE", "POSTS", "PUSH", "SPAM", "cafe", "café!", "東", "東京都", "🚁", "OPTIONZ", " "];

    [Fact]
    public void Count_and_All_list_the_constants_in_declaration_order()
    {
        Assert.Equal(SampleTable.Count, Constants.Length);
        Assert.Equal(Constants, SampleTable.All);
        for (int i = 0; i < Constants.Length; i++)
        {
            Assert.Same(Constants[i], SampleTable.All[i]);
        }

        Assert.Same(SampleTable.All, SampleTable.All);
        Assert.IsNotType<string[]>(SampleTable.All);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)SampleTable.All)[0] = "x");
    }

    [Fact]
    public void Utf8_properties_hold_the_encoded_constants()
    {
        Assert.Equal(Encoding.UTF8.GetBytes(SampleTable.Cafe), SampleTable.CafeUtf8.ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes(SampleTable.Rocket), SampleTable.RocketUtf8.ToArray());
        Assert.Equal(4, SampleTable.RocketUtf8.Length);
        Assert.True(SampleTable.EmptyUtf8.IsEmpty);
    }

    [Fact]
    public void Every_constant_is_found_from_bytes_and_chars_as_the_same_instance()
    {
        foreach (string constant in Constants)
        {
            // Fresh copies, so a hit cannot come from the input's own reference.
            byte[] utf8 = Encoding.UTF8.GetBytes(constant);
            char[] chars = constant.ToCharArray();

            Assert.True(SampleTable.TryGet(utf8, out string? fromBytes), constant);
            Assert.Same(constant, fromBytes);
            Assert.True(SampleTable.TryGet(chars, out string? fromChars), constant);
            Assert.Same(constant, fromChars);
            Assert.Same(constant, SampleTable.GetOrAdd(utf8));
            Assert.Same(constant, SampleTable.GetOrAdd(chars));
        }
    }

    [Fact]
    public void Near_misses_are_not_found_and_GetOrAdd_falls_back_to_the_shared_interner()
    {
        foreach (string miss in Misses)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(miss);
            Assert.False(SampleTable.TryGet(utf8, out string? fromBytes), miss);
            Assert.Null(fromBytes);
            Assert.False(SampleTable.TryGet(miss.AsSpan(), out string? fromChars), miss);
            Assert.Null(fromChars);

            string added = SampleTable.GetOrAdd(utf8);
            Assert.Equal(miss, added);
            Assert.Same(added, SampleTable.GetOrAdd(miss.AsSpan()));
            Assert.True(StringInterner.Shared.TryGet(miss.AsSpan(), out string? interned));
            Assert.Same(added, interned);
        }
    }

    [Fact]
    public void Lookups_allocate_nothing()
    {
        byte[][] utf8 = [.. Constants.Concat(Misses).Select(Encoding.UTF8.GetBytes)];
        char[][] chars = [.. Constants.Concat(Misses).Select(s => s.ToCharArray())];
        int found = 0;
        int calls = 0;
        Allocations.AssertNone(
            () =>
            {
                found += Lookup(utf8, chars);
                calls++;
            },
            2_000);
        Assert.Equal(calls * Constants.Length * 4, found);
    }

    private static int Lookup(byte[][] utf8, char[][] chars)
    {
        int found = 0;
        for (int i = 0; i < utf8.Length; i++)
        {
            found += SampleTable.TryGet(utf8[i], out _) ? 1 : 0;
            found += SampleTable.TryGet(chars[i], out _) ? 1 : 0;
            found += i < Constants.Length && ReferenceEquals(SampleTable.GetOrAdd(utf8[i]), Constants[i]) ? 1 : 0;
            found += i < Constants.Length && ReferenceEquals(SampleTable.GetOrAdd(chars[i]), Constants[i]) ? 1 : 0;
        }

        return found;
    }
}
