namespace Velithon.Memory.Tests.Interning;

public class StringInternerApiTests
{
    [Fact]
    public void Default_constructor_uses_documented_limits()
    {
        var interner = new StringInterner();

        Assert.Equal(100_000, interner.MaxCount);
        Assert.Equal(512, interner.MaxStringLength);
        Assert.Equal(0, interner.Count);
        Assert.Equal(default, interner.GetStats());
    }

    [Fact]
    public void Options_are_copied_at_construction()
    {
        var options = new StringInternerOptions { MaxCount = 7, MaxStringLength = 9 };
        var interner = new StringInterner(options);
        options.MaxCount = 1;
        options.MaxStringLength = 1;

        Assert.Equal(7, interner.MaxCount);
        Assert.Equal(9, interner.MaxStringLength);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Non_positive_MaxCount_is_rejected(int maxCount)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => new StringInterner(new StringInternerOptions { MaxCount = maxCount }));

        Assert.Equal("options", ex.ParamName);
        Assert.Contains("MaxCount", ex.Message, StringComparison.Ordinal);
        Assert.Contains("greater than 0", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Non_positive_MaxStringLength_is_rejected(int maxLength)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => new StringInterner(new StringInternerOptions { MaxStringLength = maxLength }));

        Assert.Equal("options", ex.ParamName);
        Assert.Contains("MaxStringLength", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_options_throw()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new StringInterner(null!));
        Assert.Equal("options", ex.ParamName);
    }

    [Fact]
    public void Large_MaxCount_is_accepted()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxCount = int.MaxValue });
        string value = Fresh("large");

        Assert.Same(value, interner.Intern(value));
        Assert.Equal(int.MaxValue, interner.MaxCount);
    }

    [Fact]
    public void Intern_null_string_throws()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new StringInterner().Intern((string)null!));
        Assert.Equal("value", ex.ParamName);
    }

    [Fact]
    public void Shared_is_a_single_default_instance()
    {
        Assert.Same(StringInterner.Shared, StringInterner.Shared);
        Assert.Equal(100_000, StringInterner.Shared.MaxCount);

        string value = Fresh("shared-interner-test-value");
        string canonical = StringInterner.Shared.Intern(value);
        Assert.Same(canonical, StringInterner.Shared.Intern(Fresh("shared-interner-test-value")));
    }

    [Fact]
    public void First_intern_keeps_the_callers_instance_and_later_calls_return_it()
    {
        var interner = new StringInterner();
        string first = Fresh("hello");
        string second = Fresh("hello");

        Assert.Same(first, interner.Intern(first));
        Assert.Same(first, interner.Intern(second));
        Assert.Same(first, interner.Intern("hello".AsSpan()));
        Assert.Equal(1, interner.Count);
    }

    [Fact]
    public void Intern_from_span_creates_an_equal_string()
    {
        var interner = new StringInterner();
        char[] chars = "span-value".ToCharArray();

        string interned = interner.Intern(chars.AsSpan());

        Assert.Equal("span-value", interned);
        Assert.Same(interned, interner.Intern(chars.AsSpan()));
    }

    [Fact]
    public void Distinct_values_get_distinct_entries()
    {
        var interner = new StringInterner();
        string[] values = Enumerable.Range(0, 1000).Select(i => $"value-{i}").ToArray();

        foreach (string value in values)
        {
            Assert.Same(value, interner.Intern(value));
        }

        Assert.Equal(1000, interner.Count);
        foreach (string value in values)
        {
            Assert.Same(value, interner.Intern(Fresh(value)));
        }
    }

    [Fact]
    public void Values_differing_only_in_case_or_length_are_different_entries()
    {
        var interner = new StringInterner();

        string lower = interner.Intern(Fresh("key"));
        string upper = interner.Intern(Fresh("KEY"));
        string longer = interner.Intern(Fresh("key "));

        Assert.NotSame(lower, upper);
        Assert.NotSame(lower, longer);
        Assert.Equal(3, interner.Count);
    }

    [Fact]
    public void Empty_input_returns_string_Empty_counts_a_hit_and_takes_no_entry()
    {
        var interner = new StringInterner();

        Assert.Same(string.Empty, interner.Intern(Fresh(string.Empty)));
        Assert.Same(string.Empty, interner.Intern(ReadOnlySpan<char>.Empty));
        Assert.Same(string.Empty, interner.InternUtf8(ReadOnlySpan<byte>.Empty));

        Assert.Equal(0, interner.Count);
        Assert.Equal(3, interner.GetStats().Hits);
        Assert.True(interner.TryGet(ReadOnlySpan<char>.Empty, out string? fromChars));
        Assert.Same(string.Empty, fromChars);
        Assert.True(interner.TryGet(ReadOnlySpan<byte>.Empty, out string? fromUtf8));
        Assert.Same(string.Empty, fromUtf8);
    }

    [Fact]
    public void TryGet_finds_only_interned_values_and_counts_nothing()
    {
        var interner = new StringInterner();
        string value = interner.Intern(Fresh("present"));
        StringInternerStats before = interner.GetStats();

        Assert.True(interner.TryGet("present".AsSpan(), out string? fromChars));
        Assert.Same(value, fromChars);
        Assert.True(interner.TryGet("present"u8, out string? fromUtf8));
        Assert.Same(value, fromUtf8);
        Assert.False(interner.TryGet("absent".AsSpan(), out string? missingChars));
        Assert.Null(missingChars);
        Assert.False(interner.TryGet("absent"u8, out string? missingUtf8));
        Assert.Null(missingUtf8);

        Assert.Equal(before, interner.GetStats());
        Assert.Equal(1, interner.Count);
    }

    [Fact]
    public void TryGet_over_the_length_limit_is_false()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxStringLength = 4 });

        Assert.False(interner.TryGet("12345".AsSpan(), out _));
        Assert.False(interner.TryGet("12345"u8, out _));
        Assert.False(interner.TryGet(new byte[13], out _));
    }

    [Fact]
    public void Stats_count_hits_misses_and_rejections_per_call()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxStringLength = 5 });

        interner.Intern(Fresh("a"));          // miss
        interner.Intern(Fresh("a"));          // hit
        interner.Intern("a".AsSpan());        // hit
        interner.InternUtf8("a"u8);           // hit
        interner.InternUtf8("b"u8);           // miss
        interner.Intern(Fresh("toolong"));    // rejected
        interner.Intern(string.Empty);        // hit

        StringInternerStats stats = interner.GetStats();
        Assert.Equal(4, stats.Hits);
        Assert.Equal(2, stats.Misses);
        Assert.Equal(1, stats.Rejected);
        Assert.Equal(2, stats.Count);
        Assert.Equal(0, stats.CleanedUp);
        Assert.Equal(57.14, stats.HitRatePercent);
    }

    [Fact]
    public void HitRatePercent_is_zero_without_calls_and_uses_all_counted_calls()
    {
        Assert.Equal(0d, default(StringInternerStats).HitRatePercent);
        Assert.Equal(25d, new StringInternerStats { Hits = 1, Misses = 2, Rejected = 1 }.HitRatePercent);
        Assert.Equal(100d, new StringInternerStats { Hits = 3 }.HitRatePercent);
    }

    [Fact]
    public void GetStats_does_not_allocate()
    {
        var interner = new StringInterner();
        interner.Intern(Fresh("x"));
        Allocations.AssertNone(() => _ = interner.GetStats(), 1000);
    }

    internal static string Fresh(string value) => new(value.AsSpan());
}
