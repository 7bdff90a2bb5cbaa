using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>The L2 entry format read as hostile input: nothing is trusted before the checksum, nothing reaches past the data.</summary>
public sealed class CachedResponseSerializerTests
{
    private const string Key = "GET|http|example.com|/items";

    private static readonly CachedResponse s_entry = new()
    {
        StatusCode = 200,
        Headers = [new("Content-Type", ["text/plain"]), new("X-Many", ["a", "b"])],
        Body = Encoding.UTF8.GetBytes("hello"),
        ETag = "\"abc\"",
        Encoding = string.Empty,
        ExpiresAtUnixMs = 1_900_000_000_000,
        Tags = ["a", "b"],
    };

    [Fact]
    public void An_entry_reads_back_with_its_tag_versions()
    {
        byte[] data = CachedResponseSerializer.Serialize(Key, s_entry, [7, 1_700_000_000_000_123]);
        CachedResponse? read = CachedResponseSerializer.Deserialize(data, 1024, out string key, out long[] versions, out string? reason);
        Assert.NotNull(read);
        Assert.Null(reason);
        Assert.Equal([7L, 1_700_000_000_000_123], versions);
        Assert.Equal((Key, s_entry.StatusCode, s_entry.ETag, s_entry.ExpiresAtUnixMs), (key, read.StatusCode, read.ETag, read.ExpiresAtUnixMs));
        Assert.Equal(s_entry.Tags, read.Tags);
        Assert.Equal(s_entry.Body, read.Body);
        Assert.Equal(["a", "b"], read.Headers[1].Value);
    }

    [Fact]
    public void Truncated_or_padded_entries_are_rejected()
    {
        byte[] data = CachedResponseSerializer.Serialize(Key, s_entry, [1, 2]);
        for (int length = 0; length < data.Length; length++)
        {
            Assert.Null(CachedResponseSerializer.Deserialize(data.AsSpan(0, length), 1024, out _, out _, out string? reason));
            Assert.NotNull(reason);
        }

        Assert.Null(CachedResponseSerializer.Deserialize([.. data, 0], 1024, out _, out _, out string? padded));
        Assert.Equal(CachedResponseSerializer.ChecksumReason, padded);
    }

    [Fact]
    public void Counts_and_lengths_beyond_the_data_are_rejected_even_with_a_valid_checksum()
    {
        // Format byte, key length 2^31-1 (as 7-bit groups), nothing else.
        Assert.Equal(CachedResponseSerializer.FormatReason, Reason([CachedResponseSerializer.FormatVersion, 0xFF, 0xFF, 0xFF, 0xFF, 0x07]));

        // A six-byte number.
        Assert.Equal(CachedResponseSerializer.FormatReason, Reason([CachedResponseSerializer.FormatVersion, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]));

        // Invalid UTF-8 in the key.
        Assert.Equal(CachedResponseSerializer.FormatReason, Reason([CachedResponseSerializer.FormatVersion, 2, 0xC3, 0x28]));

        // A body over the limit.
        byte[] big = CachedResponseSerializer.Serialize("k", new CachedResponse
        {
            StatusCode = 200, Headers = [], Body = new byte[4096], ETag = "\"e\"", Encoding = string.Empty, ExpiresAtUnixMs = 1, Tags = [],
        }, []);
        Assert.NotNull(CachedResponseSerializer.Deserialize(big, 4096, out _, out _, out _));
        Assert.Null(CachedResponseSerializer.Deserialize(big, 1024, out _, out _, out string? size));
        Assert.Equal(CachedResponseSerializer.SizeReason, size);

        // Metadata over its bound (here: many headers), rejected before the checksum is even computed.
        byte[] headers = CachedResponseSerializer.Serialize("k", new CachedResponse
        {
            StatusCode = 200, Headers = [.. Enumerable.Range(0, 40_000).Select(i => new KeyValuePair<string, string[]>("X-" + i, ["v"]))],
            Body = [], ETag = "\"e\"", Encoding = string.Empty, ExpiresAtUnixMs = 1, Tags = [],
        }, []);
        Assert.True(headers.Length > CachedResponseSerializer.MaxMetadataBytes + CachedResponseSerializer.BodyLimit(0));
        Assert.Null(CachedResponseSerializer.Deserialize(headers, 0, out _, out _, out string? metadata));
        Assert.Equal(CachedResponseSerializer.SizeReason, metadata);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_entry_of_an_earlier_format_is_a_quiet_miss(byte format)
    {
        Assert.True(format <= CachedResponseSerializer.PreviousFormatVersion);
        Assert.Null(CachedResponseSerializer.Deserialize([format, 1, 2, 3], 1024, out _, out _, out string? reason));
        Assert.Null(reason);
    }

    [Fact]
    public void No_single_flipped_bit_turns_the_format_byte_into_an_earlier_format()
    {
        for (int bit = 0; bit < 8; bit++)
        {
            Assert.False((CachedResponseSerializer.FormatVersion ^ (1 << bit)) is >= 1 and <= CachedResponseSerializer.PreviousFormatVersion);
        }
    }

    [Fact]
    public void The_stale_limit_round_trips()
    {
        var entry = new CachedResponse
        {
            StatusCode = 200, Headers = [], Body = [1], ETag = "\"e\"", Encoding = string.Empty, ExpiresAtUnixMs = 1_900_000_000_000,
            StaleUntilUnixMs = 1_900_000_060_000, Tags = [],
        };
        CachedResponse? read = CachedResponseSerializer.Deserialize(CachedResponseSerializer.Serialize("k", entry, []), 1024, out _, out _, out _);
        Assert.Equal((entry.ExpiresAtUnixMs, entry.StaleUntilUnixMs), (read!.ExpiresAtUnixMs, read.StaleUntilUnixMs));
    }

    private static string? Reason(byte[] content)
    {
        byte[] data = [.. content, .. new byte[8]];
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(content.Length), XxHash3.HashToUInt64(content));
        Assert.Null(CachedResponseSerializer.Deserialize(data, 1024, out _, out _, out string? reason));
        return reason;
    }
}
