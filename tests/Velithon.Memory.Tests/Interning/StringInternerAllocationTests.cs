using System.Text;

namespace Velithon.Memory.Tests.Interning;

public class StringInternerAllocationTests
{
    private const int Iterations = 10_000;

    private static readonly string[] Texts =
    [
        "id", "name", "createdAt", "Grüße", "日本語", "emoji 😀", new string('x', 100), new string('y', 500),
    ];

    [Fact]
    public void Hits_from_string_allocate_nothing()
    {
        var (interner, copies, _) = Prepare();

        Allocations.AssertNone(
            () =>
            {
                foreach (string copy in copies)
                {
                    interner.Intern(copy);
                }
            },
            Iterations);
    }

    [Fact]
    public void Hits_from_chars_allocate_nothing()
    {
        var (interner, copies, _) = Prepare();
        char[][] chars = copies.Select(c => c.ToCharArray()).ToArray();

        Allocations.AssertNone(
            () =>
            {
                foreach (char[] value in chars)
                {
                    interner.Intern(value.AsSpan());
                    interner.TryGet(value.AsSpan(), out _);
                }
            },
            Iterations);
    }

    [Fact]
    public void Hits_from_utf8_allocate_nothing()
    {
        var (interner, _, utf8) = Prepare();

        Allocations.AssertNone(
            () =>
            {
                foreach (byte[] value in utf8)
                {
                    interner.InternUtf8(value);
                    interner.TryGet(value.AsSpan(), out _);
                }
            },
            Iterations);
    }

    [Fact]
    public void Hits_from_utf8_longer_than_the_stack_buffer_allocate_nothing()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxStringLength = 4096 });
        string text = new('z', 2000);
        string canonical = interner.Intern(text);
        byte[] utf8 = Encoding.UTF8.GetBytes(text);

        Allocations.AssertNone(() => interner.InternUtf8(utf8), Iterations);
        Assert.Same(canonical, interner.InternUtf8(utf8));
    }

    private static (StringInterner Interner, string[] Copies, byte[][] Utf8) Prepare()
    {
        var interner = new StringInterner();
        foreach (string text in Texts)
        {
            interner.Intern(text);
        }

        string[] copies = Texts.Select(StringInternerApiTests.Fresh).ToArray();
        byte[][] utf8 = Texts.Select(Encoding.UTF8.GetBytes).ToArray();
        return (interner, copies, utf8);
    }
}
