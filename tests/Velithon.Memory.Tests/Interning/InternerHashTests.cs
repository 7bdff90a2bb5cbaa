using System.Text;
using CsCheck;
using Velithon.Memory.Interning;

namespace Velithon.Memory.Tests.Interning;

public class InternerHashTests
{
    [Fact]
    public void Ascii_utf8_hash_equals_the_fast_hash_of_the_chars_for_every_length()
    {
        for (int length = 0; length <= 40; length++)
        {
            string text = string.Create(length, length, static (span, seed) =>
            {
                for (int i = 0; i < span.Length; i++)
                {
                    span[i] = (char)(1 + ((seed * 31 + i * 7) % 127));
                }
            });

            Assert.True(InternerHash.TryFastAscii(Encoding.ASCII.GetBytes(text), out int fromBytes));
            Assert.Equal(InternerHash.Fast(text), fromBytes);
        }
    }

    [Fact]
    public void Ascii_utf8_hash_matches_for_random_ascii()
    {
        Gen.Char['\0', '\x7F'].Array[0, 100].Select(chars => new string(chars)).Sample(text =>
        {
            Assert.True(InternerHash.TryFastAscii(Encoding.ASCII.GetBytes(text), out int fromBytes));
            Assert.Equal(InternerHash.Fast(text), fromBytes);
        }, iter: 1000);
    }

    [Theory]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0x61, 0x62, 0x63, 0x64, 0xC3, 0xA9 })]
    [InlineData(new byte[] { 0xFF, 0x61, 0x62, 0x63, 0x64 })]
    public void Non_ascii_bytes_are_declined(byte[] utf8) => Assert.False(InternerHash.TryFastAscii(utf8, out _));

    [Fact]
    public void Fast_hash_separates_lengths_and_trailing_nulls()
    {
        Assert.NotEqual(InternerHash.Fast("a"), InternerHash.Fast("a\0"));
        Assert.NotEqual(InternerHash.Fast(string.Empty), InternerHash.Fast("\0"));
        Assert.NotEqual(InternerHash.Fast("abcd"), InternerHash.Fast("abcd\0\0\0\0"));
    }
}
