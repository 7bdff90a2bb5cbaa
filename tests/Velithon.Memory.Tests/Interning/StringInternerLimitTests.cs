using System.Text;

namespace Velithon.Memory.Tests.Interning;

public class StringInternerLimitTests
{
    [Fact]
    public void String_at_the_length_limit_is_interned_and_one_over_is_rejected()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxStringLength = 8 });
        string atLimit = StringInternerApiTests.Fresh("12345678");
        string overLimit = StringInternerApiTests.Fresh("123456789");

        Assert.Same(atLimit, interner.Intern(atLimit));
        Assert.Same(overLimit, interner.Intern(overLimit));
        Assert.NotSame(overLimit, interner.Intern(StringInternerApiTests.Fresh("123456789")));

        StringInternerStats stats = interner.GetStats();
        Assert.Equal(1, stats.Misses);
        Assert.Equal(2, stats.Rejected);
        Assert.Equal(1, interner.Count);
    }

    [Fact]
    public void Over_length_chars_and_utf8_come_back_equal_but_uninterned()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxStringLength = 3 });

        string fromChars = interner.Intern("abcd".AsSpan());
        string fromUtf8 = interner.InternUtf8("abcd"u8);

        Assert.Equal("abcd", fromChars);
        Assert.Equal("abcd", fromUtf8);
        Assert.NotSame(fromChars, fromUtf8);
        Assert.Equal(2, interner.GetStats().Rejected);
        Assert.Equal(0, interner.Count);
        Assert.False(interner.TryGet("abcd".AsSpan(), out _));
    }

    [Fact]
    public void Utf8_length_limit_counts_decoded_chars_not_bytes()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxStringLength = 3 });
        byte[] threeEuros = Encoding.UTF8.GetBytes("€€€"); // 9 bytes, 3 chars
        byte[] fourEuros = Encoding.UTF8.GetBytes("€€€€");

        string interned = interner.InternUtf8(threeEuros);
        Assert.Same(interned, interner.Intern("€€€"));
        Assert.Equal("€€€€", interner.InternUtf8(fourEuros));

        Assert.Equal(1, interner.GetStats().Rejected);
        Assert.Equal(1, interner.Count);
    }

    [Fact]
    public void Utf8_far_over_the_limit_is_decoded_without_interning()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxStringLength = 2 });
        byte[] garbage = [0xFF, 0xFE, 0xFD, 0x80, 0x81, 0x82, 0xC0];

        Assert.Equal(Encoding.UTF8.GetString(garbage), interner.InternUtf8(garbage));
        Assert.False(interner.TryGet(garbage, out _));
        Assert.Equal(1, interner.GetStats().Rejected);
    }

    [Fact]
    public void When_full_of_live_strings_the_next_new_string_is_rejected()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxCount = 3 });
        string[] live = ["one", "two", "three"];
        live = live.Select(s => interner.Intern(StringInternerApiTests.Fresh(s))).ToArray();
        GC.Collect(); // gives the automatic cleanup a reason to run, and it must find nothing dead

        string extra = StringInternerApiTests.Fresh("four");
        Assert.Same(extra, interner.Intern(extra));
        string extraChars = interner.Intern("five".AsSpan());
        string extraUtf8 = interner.InternUtf8("six"u8);

        Assert.Equal("five", extraChars);
        Assert.Equal("six", extraUtf8);
        Assert.False(interner.TryGet("four".AsSpan(), out _));
        Assert.False(interner.TryGet("five".AsSpan(), out _));
        Assert.NotSame(extraUtf8, interner.InternUtf8("six"u8));

        StringInternerStats stats = interner.GetStats();
        Assert.Equal(3, stats.Count);
        Assert.Equal(3, stats.Misses);
        Assert.Equal(4, stats.Rejected);
        Assert.Equal(0, stats.CleanedUp);

        // Existing entries are still hits while full.
        Assert.Same(live[1], interner.Intern(StringInternerApiTests.Fresh("two")));
        GC.KeepAlive(live);
    }

    [Fact]
    public void MaxCount_of_one_holds_exactly_one_entry()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxCount = 1 });
        string a = interner.Intern(StringInternerApiTests.Fresh("a"));
        string b = StringInternerApiTests.Fresh("b");

        Assert.Same(b, interner.Intern(b));
        Assert.Same(a, interner.Intern(StringInternerApiTests.Fresh("a")));
        Assert.Equal(1, interner.Count);
        Assert.Equal(1, interner.GetStats().Rejected);
    }

    [Fact]
    public void Table_grows_to_MaxCount_without_losing_entries()
    {
        const int max = 5000;
        var interner = new StringInterner(new StringInternerOptions { MaxCount = max });
        string[] values = Enumerable.Range(0, max).Select(i => $"grow-{i}").ToArray();

        foreach (string value in values)
        {
            Assert.Same(value, interner.Intern(value));
        }

        Assert.Equal(max, interner.Count);
        foreach (string value in values)
        {
            Assert.True(interner.TryGet(value.AsSpan(), out string? found));
            Assert.Same(value, found);
        }

        Assert.Equal(0, interner.GetStats().Rejected);
        GC.KeepAlive(values);
    }
}
